#!/bin/sh
# valgrind.sh BIN TEST... - the suite under valgrind memcheck (make
# check-valgrind): each test program runs under valgrind, and so does
# every run of bcreport the tests make, through a wrapper given to them as
# BCREPORT_BIN.  The programs bcreport starts (Chromium, LibreOffice) and
# the tools the tests start (sh, strace, make) are not traced.
#
# A process with a memory error, or a leak (definite or indirect), writes
# its report to a log of its own; the suite fails when any log is not
# empty, whatever the tests said, and prints them.  Tests too slow or
# meaningless under valgrind (limits of CPU time or memory, sizes only a
# fast build reaches) see BC_UNDER_VALGRIND=1 and skip, saying why.
set -u
if [ $# -lt 1 ]; then
    echo "usage: valgrind.sh BIN TEST..." >&2
    exit 64
fi
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind.sh: valgrind not found; apt-get install valgrind" >&2
    exit 69
fi
valgrind=$(command -v valgrind)
bin=$(realpath "$1")
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/bcvalgrind-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/logs" "$work/tests"

# --child-silent-after-fork: a test forks and execs bcreport or sh; what
# the forked copy of the test does before exec is not reported (it holds
# the test's memory, freed by exec).  Exit status 99 makes a process with
# errors fail visibly too.
opts="--tool=memcheck --quiet --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite,indirect \
--show-leak-kinds=definite,indirect --trace-children=no \
--child-silent-after-fork=yes --num-callers=30"

# The wrapper each test runs as bcreport.
cat > "$work/bcreport" <<EOF
#!/bin/sh
exec $valgrind $opts --log-file="$work/logs/bcreport.%p.log" "$bin" "\$@"
EOF
chmod +x "$work/bcreport"

# One wrapper per test program, named like it (run-tests.sh prints it).
wrapped=""
for t in "$@"; do
    name=$(basename "$t")
    real=$(realpath "$t")
    cat > "$work/tests/$name" <<EOF
#!/bin/sh
exec $valgrind $opts --log-file="$work/logs/$name.%p.log" "$real" "\$@"
EOF
    chmod +x "$work/tests/$name"
    wrapped="$wrapped $work/tests/$name"
done

# Tests that install or copy the binary, or look beside it, take
# BCREPORT_REAL_BIN (testutil.h, tu_real_bin); their copies run natively.
start=$(date +%s)
BC_UNDER_VALGRIND=1 BCREPORT_BIN="$work/bcreport" BCREPORT_REAL_BIN="$bin" \
    sh "$(dirname "$0")/run-tests.sh" $wrapped
status=$?
end=$(date +%s)

runs=$(find "$work/logs" -name '*.log' | wc -l)
bad=$(find "$work/logs" -name '*.log' -size +0 | sort)
for log in $bad; do
    echo "==== valgrind: $(basename "$log" .log)"
    cat "$log"
done
nbad=$(echo "$bad" | grep -c . || true)
echo "valgrind: $runs processes checked, $nbad with errors or leaks," \
    "$((end - start)) s"
[ "$status" -eq 0 ] && [ "$nbad" -eq 0 ]
