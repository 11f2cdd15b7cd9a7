#!/bin/sh
# run-tests.sh TEST... - run each cmocka test program from the repository
# root, then print one summary line of all their tests:
#     tests: N passed, N failed, N skipped
# A program that fails without cmocka's summary counts as one failure.
set -u
passed=0 failed=0 skipped=0 bad_programs=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
    "$t" >"$log" 2>&1
    status=$?
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${s:-0}))
    if [ "$status" -ne 0 ]; then
        bad_programs="$bad_programs $t"
        [ -z "$f" ] && failed=$((failed + 1))
    fi
done
[ -n "$bad_programs" ] && echo "failing test programs:$bad_programs"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ -z "$bad_programs" ]
