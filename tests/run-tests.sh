#!/bin/sh
# run-tests.sh TEST... - run each test program, report, and fail if any did.
# Run from the repository root; each program prints cmocka's own summary.
set -u
failed=0
passed=0
for t in "$@"; do
    if "$t"; then
        passed=$((passed + 1))
    else
        echo "FAILED: $t" >&2
        failed=$((failed + 1))
    fi
done
echo "test programs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
