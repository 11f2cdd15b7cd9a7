#!/usr/bin/env bash
# tests/faults.sh BIN - make check-faults: every failure path, proven.
#
# BIN is the fault build (build/fault/bcreport: ASan, LSan, UBSan, and
# tests/faults/inject.c).  Each part prints what it ran and its figures,
# and the script fails when any run breaks a promise of README's "Limits
# and guarantees":
#
#  1. allocations: for each example, each command and format that
#     allocates, every allocation of the run made to fail in turn (the
#     fork server of inject.c): status 71 and exactly "bcreport: error:
#     out of memory", no crash, no temporary file, the old output as it
#     was.  LeakSanitizer checks one child in FAULT_LEAK_EVERY (64), and
#     every child of the cases matching FAULT_LEAK_CASES (a regular
#     expression, by default ^new-; "." for all: 90 ms more a child);
#  2. write, fsync, rename, close and the temporary's openat failing
#     (strace -e inject, EIO and ENOSPC), for each of their calls in a
#     run of each command and format that writes with -o: status 74 (73
#     when the file cannot be created), the old output as it was, no
#     temporary file, never status 0 when the call was the output's own
#     (its write, fsync, close, rename); where the failing call does not
#     matter (a message on stderr), status 0 with the output complete;
#     and a full disk from each write made before the output's temporary
#     on (every later write failing: the workbook's temporary files,
#     libxlsxwriter's own, which xlsx.c checks): 74, the old output kept;
#  3. SIGINT, SIGTERM, SIGHUP at each openat, write, fsync, rename and
#     close of such a run, and while a PDF engine runs: the process dies
#     of the signal (128 + its number), the old output or the new one
#     whole, no temporary file or folder;
#  4. 20 builds of 20 inputs onto one -o at once, five times: the file is
#     one of the 20 outputs, whole; no temporary file;
#  5. standard output closed, a closed pipe, /dev/full, for each command
#     that writes there: status 74 and one line saying so;
#  6. build --watch with the data's folder removed and made again, its
#     output deleted, a bad save then a good one, then SIGHUP: each said
#     and built again, status 0, LeakSanitizer at its exit, no temporary
#     file (test_watch.c has the rest: deleted, replaced, unreadable).
#
# FAULT_JOBS (default 2) processes run at once; FAULT_PARTS="1 2 3 4 5 6"
# chooses the parts (0: only count each case's allocations), FAULT_CASES (a regular expression) the cases.  Failures are listed with the command to replay one
# (BC_FAULT_ALLOC=N, or the strace line).
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=${FAULT_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
JOBS=${FAULT_JOBS:-2}
PARTS=${FAULT_PARTS:-1 2 3 4 5 6}
ONLY=${FAULT_CASES:-.*}  # the cases to run: a regular expression
LEAK_CASES=${FAULT_LEAK_CASES:-^new-}  # an extended regular expression
LEAK_EVERY=${FAULT_LEAK_EVERY:-64}
W=$(mktemp -d "${TMPDIR:-/tmp}/bcfaults-XXXXXX")
trap 'rm -rf "$W"' EXIT
export LANG=C.UTF-8 NO_COLOR=1
unset LANGUAGE LC_ALL LC_MESSAGES
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
FAILED=0
START=$(date +%s)

fail() {
    echo "FAIL: $*"
    FAILED=$((FAILED + 1))
}

examples=$(cd "$ROOT/data" && ls *.yaml | sed 's/\.yaml$//')
export ROOT examples

# A PDF engine that writes a small PDF where Chromium would: the PDF path
# of bcreport's own, its temporary files and output, without the minutes
# of a real engine at each fault (part 3 signals the real ones too).
FAKE_PDF="$W/bin/chromium"
mkdir -p "$W/bin"
cat > "$FAKE_PDF" <<'END'
#!/bin/sh
for a; do
    case $a in
    --print-to-pdf=*) printf '%%PDF-1.4\n%%%%EOF\n' > "${a#--print-to-pdf=}" ;;
    esac
done
END
chmod +x "$FAKE_PDF"

# The cases: a name, the files the folder starts with (copied from data/,
# as d.yaml or d1.yaml d2.yaml ...), the old output's name or -, and the
# command's arguments, run in that folder.
cases() {
    all_cases | grep -E -- "^($ONLY)\|"
}

all_cases() {
    for e in $examples; do
        echo "build-md-$e|$e|out.md|build d.yaml -o out.md"
        echo "build-html-$e|$e|out.html|build d.yaml -o out.html"
        echo "build-docx-$e|$e|out.docx|build d.yaml -o out.docx"
        echo "build-pdf-$e|$e|out.pdf|build d.yaml -o out.pdf --pdf-engine=$FAKE_PDF"
        echo "check-$e|$e|-|check d.yaml"
        echo "init-$e|$e|out.yaml|init --from d.yaml -o out.yaml --force"
    done
    for f in md html docx xlsx csv; do
        echo "summary-$f|all|out.$f|summary d1.yaml d2.yaml d3.yaml -o out.$f"
    done
    for l in xa tinh so; do
        echo "new-$l|-|out.yaml|new -o out.yaml --level $l --year 2026 --force"
    done
}

# A folder for a case: its inputs and an old output.
prepare() { # dir inputs old
    mkdir -p "$1"
    case $2 in
    -) ;;
    all)
        local n=1 e
        for e in $examples; do
            cp "$ROOT/data/$e.yaml" "$1/d$n.yaml"
            n=$((n + 1))
        done
        ;;
    *) cp "$ROOT/data/$2.yaml" "$1/d.yaml" ;;
    esac
    [ "$3" = - ] || printf 'the old output\n' > "$1/$3"
}

# ---- 0. how many allocations each case makes (no fault) ----

part_count() {
    echo "== 0. allocations a run makes (the N of part 1)"
    local total=0
    while IFS='|' read -r name inputs old args; do
        local d="$W/count/$name"
        prepare "$d" "$inputs" "$old"
        (cd "$d" && ASAN_OPTIONS=detect_leaks=0 BC_FAULT_COUNT="$d.n" \
            "$BIN" $args > /dev/null 2>&1)
        printf '   %-22s %5d\n' "$name" "$(cat "$d.n")"
        total=$((total + $(cat "$d.n")))
    done < <(cases)
    echo "   total $total"
}

# ---- 1. allocations ----

part_alloc() {
    echo "== 1. every allocation failing in turn (fork server, $JOBS at once)"
    local total=0 runs=0
    while IFS='|' read -r name inputs old args; do
        # The summary in HTML and Word: their renderers' allocations are
        # failed through the builds, the summary's own through summary-md
        # (12 000 more would add minutes to CI); parts 2 and 3 run them.
        case $name in summary-html | summary-docx) continue ;; esac
        local d="$W/alloc/$name"
        prepare "$d/ref" "$inputs" "$old"
        (cd "$d/ref" && "$BIN" $args > /dev/null 2> "$d/ref.err")
        local st=$?
        if [ $st != 0 ]; then
            fail "$name: status $st without faults: $(cat "$d/ref.err")"
            continue
        fi
        local leaks=$LEAK_EVERY
        echo "$name" | grep -Eq -- "$LEAK_CASES" && leaks=1
        local i
        for i in $(seq 0 $((JOBS - 1))); do
            prepare "$d/w$i" "$inputs" "$old"
            (cd "$d/w$i" && ASAN_OPTIONS=detect_leaks=1:leak_check_at_exit=0 \
                BC_FAULT_LEAK_EVERY=$leaks \
                BC_FAULT_FORK="$d/w$i.log" \
                BC_FAULT_STEP=$JOBS BC_FAULT_OFFSET=$i \
                BC_FAULT_REF_DIR="$d/ref" BC_FAULT_REF_ERR="$d/ref.err" \
                "$BIN" $args > /dev/null 2> "$d/w$i.parent.err"
                echo $? > "$d/w$i.status") &
        done
        wait
        local n=
        for i in $(seq 0 $((JOBS - 1))); do
            if [ "$(cat "$d/w$i.status")" != 0 ]; then
                fail "$name: the run that forks exited $(cat "$d/w$i.status"): $(head -c 600 "$d/w$i.parent.err")"
            fi
            if ! diff -r "$d/ref" "$d/w$i" > /dev/null; then
                fail "$name: the run that forks did not write what a plain run writes"
            fi
            local t
            t=$(grep '^total ' "$d/w$i.log")
            [ -n "$n" ] || n=${t#total }
            n=${n%% *}
            grep -v '^total ' "$d/w$i.log" | head -n 20 | while read -r line; do
                k=${line#alloc }
                k=${k%%:*}
                echo "FAIL: $name: $line"
                echo "  replay: cd <folder with the inputs> && BC_FAULT_ALLOC=$k $BIN $args"
            done
            if grep -qv '^total ' "$d/w$i.log"; then
                FAILED=$((FAILED + 1))
            fi
        done
        local tol
        tol=$(awk '/^total/ {t += $8} END {print t + 0}' "$d"/w*.log)
        printf '   %-22s %5d allocations, each failed: ok%s%s\n' "$name" "$n" \
            "$([ "$tol" = 0 ] || echo " ($tol done without)")" \
            "$([ $leaks = 1 ] && echo ', leaks checked at each' || echo ", leaks checked at 1 in $leaks")"
        total=$((total + n))
        runs=$((runs + 1))
        rm -rf "$d"
    done < <(cases)
    echo "   $runs cases, $total allocations failed one by one"
}

# ---- 2. write, fsync, rename, close, openat failing ----

# The cases that write with -o.
write_cases() {
    cases | grep -v '^check-' | grep -e '-2023|' -e '^summary' -e '^new-xa'
}

# The calls of one run: "syscall N" per line, in order.  bcreport's own:
# a child it starts (a PDF engine) is not traced, and strace counts the
# calls of each process apart, so the N of a call is its rank in
# bcreport's.
count_calls() { # dir args...
    local d=$1
    shift
    (cd "$d" && ASAN_OPTIONS=detect_leaks=0 strace -o "$d.trace" -qq \
        -e trace=write,fsync,rename,close,openat "$BIN" "$@" \
        > /dev/null 2>&1)
}

# Checks a run that failed or died: the folder as it was (the old output,
# no temporary file) or, with status 0 or when dying after the rename,
# as a plain run leaves it.
check_folder() { # what dir before ref status allowed
    local what=$1 d=$2 before=$3 ref=$4 st=$5 allowed=$6
    if [ "$st" = 0 ]; then
        case " $allowed " in
        *" 0 "*)
            diff -r "$ref" "$d" > /dev/null ||
                fail "$what: status 0 but not what a plain run writes"
            return
            ;;
        esac
    fi
    case " $allowed " in
    *" $st "*) ;;
    *) fail "$what: status $st, expected one of: $allowed; $(head -c 300 "$d.err")" ;;
    esac
    if ! diff -r "$before" "$d" > /dev/null 2>&1; then
        if [ "$st" -ge 128 ] && diff -r "$ref" "$d" > /dev/null 2>&1; then
            return 0 # killed after the rename: the new output, whole
        fi
        fail "$what: the folder changed: $(diff -r "$before" "$d" 2>&1 | head -c 300)"
    fi
}

# The ranks (the N of strace's when=N) of the calls to syscall bcreport
# makes itself: those after the mark inject.c leaves when main has
# started (the loader's and the sanitizers' come before); with a third
# argument, only those whose line holds it.
ranks() { # trace syscall [pattern]
    awk -v call=" $2(" -v pat="${3:-}" '
        { $0 = " " $0 } # a call starts the line, or follows a pid
        /bc-fault: main has started/ { started = 1 }
        index($0, call) { n++; if (started && (pat == "" || index($0, pat))) print n }
    ' "$1" | tr '\n' ' '
}

# The ranks of the calls to syscall after main has started, split at the
# output's temporary file (the last openat with O_EXCL, on file
# descriptor fd): where is "before" (made before it), "temp" (on fd,
# from it on: the output's own writes, fsync and close) or "other" (on
# other files from it on: a message on stderr).
ranks_at_output() { # trace syscall where
    local from fd
    from=$(grep -n '^\([0-9]* \)\{0,1\}openat(.*O_EXCL' "$1" | tail -n 1 | cut -d: -f1)
    fd=$(grep '^\([0-9]* \)\{0,1\}openat(.*O_EXCL' "$1" | tail -n 1 |
        sed -n 's/.*= \([0-9][0-9]*\)$/\1/p')
    awk -v call=" $2(" -v on=" $2\\(${fd:-none}[,)]" -v from="${from:-0}" \
        -v where="$3" '
        { $0 = " " $0 } # a call starts the line, or follows a pid
        /bc-fault: main has started/ { started = 1 }
        index($0, call) {
            n++
            if (!started) next
            w = NR < from ? "before" : $0 ~ on ? "temp" : "other"
            if (w == where) print n
        }
    ' "$1" | tr '\n' ' '
}

# "#a-b" (or "#a", or "none") for a list of ranks.
span() {
    [ $# = 0 ] && { echo none; return; }
    local first=$1 last
    for last; do :; done
    [ "$first" = "$last" ] && echo "#$first" || echo "#$first-$last ($#)"
}

# One injected run, in a fresh copy of the case's folder.
inject_run() { # name inputs old args spec allowed
    local name=$1 inputs=$2 old=$3 args=$4 spec=$5 allowed=$6
    local d="$W/inj/$name.$(echo "$spec" | tr -c 'a-zA-Z0-9=\n' _)"
    prepare "$d" "$inputs" "$old"
    (cd "$d" && ASAN_OPTIONS=detect_leaks=0 TMPDIR="$d" strace -qq \
        -o /dev/null -e inject="$spec" "$BIN" $args \
        > /dev/null 2> "$d.err") 2> /dev/null
    local st=$?
    check_folder "$name, strace -e inject=$spec" "$d" \
        "$W/inj/$name.before" "$W/inj/$name.ref" "$st" "$allowed"
    rm -rf "$d" "$d.err"
}
export -f inject_run check_folder prepare fail

# The folder before, after a plain run, and the calls of a run, once.
write_setup() { # name inputs old args
    [ -e "$W/inj/$1.count.trace" ] && return
    prepare "$W/inj/$1.before" "$2" "$3"
    prepare "$W/inj/$1.ref" "$2" "$3"
    (cd "$W/inj/$1.ref" && "$BIN" $4 > /dev/null 2>&1) ||
        fail "$1: fails without faults"
    prepare "$W/inj/$1.count" "$2" "$3"
    count_calls "$W/inj/$1.count" $4
}

part_writes() {
    echo "== 2. write, fsync, rename, close and the temporary's openat failing (strace)"
    local total=0
    while IFS='|' read -r name inputs old args; do
        write_setup "$name" "$inputs" "$old" "$args"
        local tr="$W/inj/$name.count.trace"
        local nw nwo nwb nf nr nc no
        # the temporary is the openat with O_EXCL (mkstemp)
        nw=$(ranks_at_output "$tr" write temp)
        nwo=$(ranks_at_output "$tr" write other)
        nwb=$(ranks_at_output "$tr" write before)
        nf=$(ranks_at_output "$tr" fsync temp)
        nr=$(ranks "$tr" rename)
        nc=$(ranks_at_output "$tr" close temp)
        no=$(ranks "$tr" openat O_EXCL | awk '{ print $NF }')
        local noo
        noo=$(ranks "$tr" openat O_EXCL | awk '{ $NF = ""; print }')
        [ -n "$nw" ] && [ -n "$nf" ] && [ -n "$nc" ] && [ -n "$nr" ] ||
            fail "$name: the output's write, fsync, close or rename not found in the trace"
        {
            # The output's own calls failing: never status 0.
            for n in $nw; do
                echo "write:error=EIO:when=$n|74"
                echo "write:error=ENOSPC:when=$n|74"
            done
            for n in $nf; do echo "fsync:error=EIO:when=$n|74"; done
            for n in $nr; do
                echo "rename:error=EIO:when=$n|73"
                echo "rename:error=ENOSPC:when=$n|73"
            done
            for n in $nc; do echo "close:error=EIO:when=$n|74"; done
            # A message lost on stderr: the output may still be whole.
            for n in $nwo; do echo "write:error=EIO:when=$n|74 0"; done
            # A full disk from a write before the output on (the
            # workbook's temporary files, libxlsxwriter's own, whose
            # writes it does not check: xlsx.c checks the workbook).
            for n in $nwb; do echo "write:error=ENOSPC:when=$n+|74"; done
            for n in $no; do
                echo "openat:error=EACCES:when=$n|73"
                echo "openat:error=ENOSPC:when=$n|73"
                echo "openat:error=EROFS:when=$n|73"
            done
            # The workbook's temporary files (libxlsxwriter tries another
            # name, or says "cannot write the workbook": 74).
            for n in $noo; do
                echo "openat:error=EACCES:when=$n|73 74 0"
                echo "openat:error=ENOSPC:when=$n|73 74 0"
                echo "openat:error=EROFS:when=$n|73 74 0"
            done
        } > "$W/inj/$name.specs"
        local runs
        runs=$(wc -l < "$W/inj/$name.specs")
        printf '   %-22s write %s (others %s, before from %s), fsync %s, rename %s, close %s, temporary openat %s (others %s): %d runs\n' \
            "$name" "$(span $nw)" "$(span $nwo)" "$(span $nwb)" "$(span $nf)" \
            "$(span $nr)" "$(span $nc)" "$(span $no)" "$(span $noo)" "$runs"
        total=$((total + runs))
        W=$W BIN=$BIN xargs -P "$JOBS" -I{} bash -c \
            'inject_run "$0" "$1" "$2" "$3" "${4%|*}" "${4#*|}"' \
            "$name" "$inputs" "$old" "$args" {} < "$W/inj/$name.specs" \
            >> "$W/inj.log"
    done < <(write_cases)
    local bad
    bad=$(grep -c '^FAIL' "$W/inj.log")
    grep '^FAIL' "$W/inj.log" | head -n 30
    FAILED=$((FAILED + bad))
    echo "   $total injected runs, $bad failed"
}

# ---- 3. signals ----

part_signals() {
    echo "== 3. SIGINT, SIGTERM, SIGHUP at each openat, write, fsync, rename, close"
    local total=0 sigs=(INT TERM HUP) nums=(2 15 1)
    : > "$W/sig.log"
    while IFS='|' read -r name inputs old args; do
        write_setup "$name" "$inputs" "$old" "$args"
        local tr="$W/inj/$name.count.trace" i=0
        : > "$W/inj/$name.sigspecs"
        for call in openat write fsync rename close; do
            local n
            for n in $(ranks "$tr" $call); do
                local k=$((i % 3))
                echo "$call:signal=${sigs[$k]}:when=$n|$((128 + ${nums[$k]}))" \
                    >> "$W/inj/$name.sigspecs"
                i=$((i + 1))
            done
        done
        local runs
        runs=$(wc -l < "$W/inj/$name.sigspecs")
        printf '   %-22s %d runs\n' "$name" "$runs"
        total=$((total + runs))
        W=$W BIN=$BIN xargs -P "$JOBS" -I{} bash -c \
            'inject_run "$0" "$1" "$2" "$3" "${4%|*}" "${4#*|}"' \
            "$name" "$inputs" "$old" "$args" {} < "$W/inj/$name.sigspecs" \
            >> "$W/sig.log"
    done < <(write_cases)
    local bad
    bad=$(grep -c '^FAIL' "$W/sig.log")
    grep '^FAIL' "$W/sig.log" | head -n 30
    FAILED=$((FAILED + bad))
    echo "   $total signalled runs, $bad failed"
    part_pdf_signals
}

# A PDF engine that stays until killed (its pid in $BC_FAKE_DIR/engine.pid),
# and the real ones, signalled at several moments of their run.
part_pdf_signals() {
    local d="$W/pdf" runs=0
    mkdir -p "$d/bin"
    cat > "$d/bin/chromium" <<'EOF'
#!/bin/sh
echo $$ > "$BC_FAKE_DIR/engine.pid"
exec sleep 30
EOF
    chmod +x "$d/bin/chromium"
    local engines="fake"
    command -v chromium > /dev/null && engines="$engines chromium"
    command -v soffice > /dev/null && engines="$engines libreoffice"
    for engine in $engines; do
        for sig in INT TERM HUP; do
            for delay in 0.3 1 2; do
                [ $engine = fake ] && [ $delay != 0.3 ] && continue
                local c="$d/$engine-$sig-$delay" t
                # a short TMPDIR: Chromium's socket path must fit 107 bytes
                t=$(mktemp -d /tmp/bcp-XXXXXX)
                mkdir -p "$c"
                cp "$ROOT/data/2025-xa.yaml" "$c/d.yaml"
                printf 'the old output\n' > "$c/out.pdf"
                local opt=
                case $engine in
                fake) opt="--pdf-engine=$d/bin/chromium" ;;
                libreoffice) opt="--pdf-engine=libreoffice" ;;
                esac
                (cd "$c" && exec env ASAN_OPTIONS=detect_leaks=0 \
                    BC_FAKE_DIR="$c" TMPDIR="$t" \
                    "$BIN" build d.yaml -o out.pdf $opt > /dev/null 2> "$c.err") &
                local pid=$!
                if [ $engine = fake ]; then
                    for _ in $(seq 100); do
                        [ -s "$c/engine.pid" ] && break
                        sleep 0.05
                    done
                else
                    sleep $delay
                fi
                kill -$sig $pid 2> /dev/null
                { wait $pid; } 2> /dev/null
                local st=$? sn
                sn=$(kill -l $sig)
                runs=$((runs + 1))
                if [ $st != $((128 + sn)) ] && [ $st != 0 ]; then
                    fail "pdf $engine, SIG$sig after ${delay}s: status $st: $(head -c 300 "$c.err")"
                fi
                if [ -n "$(ls -A "$t")" ]; then
                    fail "pdf $engine, SIG$sig after ${delay}s: left in TMPDIR: $(ls -A "$t")"
                fi
                rm -rf "$t"
                local left
                left=$(cd "$c" && ls -A | grep -v -e '^d.yaml$' -e '^out.pdf$' \
                    -e '^engine.pid$')
                [ -z "$left" ] || fail "pdf $engine, SIG$sig: left behind: $left"
                if [ $st != 0 ] && ! grep -qx 'the old output' "$c/out.pdf"; then
                    fail "pdf $engine, SIG$sig after ${delay}s: out.pdf changed"
                fi
                if [ -s "$c/engine.pid" ]; then
                    sleep 0.2
                    kill -0 "$(cat "$c/engine.pid")" 2> /dev/null &&
                        fail "pdf $engine, SIG$sig: the engine still runs"
                fi
            done
        done
    done
    echo "   PDF ($engines): $runs signalled builds"
}

# ---- 4. concurrent writers ----

part_concurrent() {
    echo "== 4. 20 builds onto one -o at once"
    local d="$W/conc" rounds=5
    mkdir -p "$d/exp"
    for i in $(seq 1 20); do
        sed "s/^\(  subject: \).*/\1Báo cáo số $i/" "$ROOT/data/2025-xa.yaml" > "$d/in$i.yaml"
        ASAN_OPTIONS=detect_leaks=0 "$BIN" build "$d/in$i.yaml" -f html > "$d/exp/$i.html" ||
            fail "concurrent: input $i does not build"
    done
    [ "$(md5sum "$d"/exp/*.html | cut -d' ' -f1 | sort -u | wc -l)" = 20 ] ||
        fail "concurrent: the 20 inputs do not give 20 different outputs"
    for r in $(seq 1 $rounds); do
        rm -f "$d/go"
        mkdir -p "$d/out"
        for i in $(seq 1 20); do
            # all at once: each waits for the same go
            (while [ ! -e "$d/go" ]; do sleep 0.01; done
             exec env ASAN_OPTIONS=detect_leaks=0 "$BIN" build "$d/in$i.yaml" \
                -o "$d/out/bc.html" 2> "$d/err$i") &
        done
        sleep 1
        touch "$d/go"
        wait
        for i in $(seq 1 20); do
            [ -s "$d/err$i" ] && fail "concurrent, round $r, input $i: $(cat "$d/err$i")"
        done
        local got=
        for i in $(seq 1 20); do
            cmp -s "$d/exp/$i.html" "$d/out/bc.html" && got=$i
        done
        [ -n "$got" ] || fail "concurrent, round $r: bc.html is none of the 20 outputs"
        [ "$(ls -A "$d/out")" = bc.html ] ||
            fail "concurrent, round $r: left behind: $(ls -A "$d/out")"
        printf '   round %d: bc.html is the output of input %s, whole; nothing else in the folder\n' "$r" "$got"
        rm -rf "$d/out"
        mkdir -p "$d/out"
    done
}

# ---- 5. standard output ----

part_stdout() {
    echo "== 5. standard output closed, a closed pipe, /dev/full"
    local d="$W/stdout" n=0
    mkdir -p "$d/T"
    cp "$ROOT/data/2025-xa.yaml" "$d/d.yaml"
    printf 'Hello {{name}}\n' > "$d/T/t.mustache"
    printf 'name: x\n' > "$d/T/t.yaml"
    local cmds=(
        "build d.yaml" "build -f html d.yaml" "build -f docx d.yaml"
        "build -f html --fragment d.yaml"
        "summary d.yaml" "summary -f html d.yaml" "summary -f csv d.yaml"
        "summary -f xlsx d.yaml" "summary -f docx d.yaml"
        "dump d.yaml" "schema" "render T/t.mustache T/t.yaml"
        "init --from d.yaml" "new" "help" "help build" "--version" "--help"
    )
    local c
    for c in "${cmds[@]}"; do
        (cd "$d" && ASAN_OPTIONS=detect_leaks=0 "$BIN" $c > /dev/null 2>&1)
        local ok=$?
        if [ $ok != 0 ]; then
            fail "$c: status $ok without faults"
            continue
        fi
        n=$((n + 1))
        local full closed pipe head
        (cd "$d" && "$BIN" $c > /dev/full 2> "$d/err")
        full=$?
        [ $full = 74 ] || fail "$c > /dev/full: status $full, expected 74"
        grep -q 'standard output' "$d/err" ||
            fail "$c > /dev/full: no message: $(cat "$d/err")"
        (cd "$d" && "$BIN" $c >&- 2> "$d/err")
        closed=$?
        [ $closed = 74 ] || fail "$c >&-: status $closed, expected 74; $(cat "$d/err")"
        (cd "$d" && { sleep 0.3; "$BIN" $c 2> "$d/err"; echo $? > "$d/st"; } | true)
        pipe=$(cat "$d/st")
        [ "$pipe" = 74 ] || fail "$c | (closed pipe): status $pipe, expected 74; $(cat "$d/err")"
        (cd "$d" && { "$BIN" $c 2> "$d/err"; echo $? > "$d/st"; } | head -c1 > /dev/null)
        head=$(cat "$d/st")
        [ "$head" = 74 ] || [ "$head" = 0 ] ||
            fail "$c | head -c1: status $head, expected 74 (or 0 when all was written before head left)"
        printf '   %-36s /dev/full %s, >&- %s, closed pipe %s, | head -c1 %s\n' \
            "$c" "$full" "$closed" "$pipe" "$head"
    done
    echo "   $n commands"
}

# ---- 6. --watch: its folder removed, its output deleted, bad saves ----

# Waits up to 10 s for the watcher's standard error to hold n lines
# matching pattern.
wait_said() { # file pattern n what
    local i
    for i in $(seq 500); do
        [ "$(grep -c -- "$2" "$1")" -ge "$3" ] && return 0
        sleep 0.02
    done
    fail "watch: waited 10 s for $4; it said: $(cat "$1")"
    return 1
}

part_watch() {
    echo "== 6. build --watch: the data's folder removed and back, OUT deleted, a bad save, SIGHUP"
    local d="$W/watch" e
    mkdir -p "$d/src"
    e="$d/err"
    cp "$ROOT/data/2025-xa.yaml" "$d/src/d.yaml"
    (cd "$d" && exec "$BIN" build src/d.yaml -o out.md --watch 2> "$e") &
    local pid=$!
    wait_said "$e" ' built out.md' 1 "the first build" || { kill $pid; return; }
    cp "$d/out.md" "$d/first.md"
    rm -rf "$d/src"
    wait_said "$e" 'src/d.yaml was deleted or moved away' 1 "the folder's removal"
    mkdir "$d/src"
    sed 's/^\(  subject: \).*/\1Lần hai/' "$ROOT/data/2025-xa.yaml" > "$d/src/d.yaml"
    wait_said "$e" ' built out.md' 2 "the build once the folder is back"
    grep -q 'Lần hai' "$d/out.md" || fail "watch: out.md is not the file come back"
    rm "$d/out.md"
    sed 's/^\(  subject: \).*/\1Lần ba/' "$ROOT/data/2025-xa.yaml" > "$d/src/d.yaml"
    wait_said "$e" ' built out.md' 3 "the build after out.md was deleted"
    grep -q 'Lần ba' "$d/out.md" || fail "watch: out.md not made again"
    cp "$d/out.md" "$d/third.md"
    printf 'document: [\n' > "$d/src/d.yaml"
    wait_said "$e" 'out.md kept as it was' 1 "a bad save said"
    cmp -s "$d/out.md" "$d/third.md" || fail "watch: a bad save changed out.md"
    : > "$d/src/d.yaml"
    sed 's/^\(  subject: \).*/\1Lần bốn/' "$ROOT/data/2025-xa.yaml" > "$d/src/d.yaml"
    wait_said "$e" ' built out.md' 4 "the build after the bad save is fixed"
    grep -q 'Lần bốn' "$d/out.md" || fail "watch: out.md not rebuilt after the fix"
    kill -HUP $pid
    wait $pid
    local st=$?
    [ $st = 0 ] || fail "watch: SIGHUP ended it with status $st: $(tail -n 5 "$e")"
    local left
    left=$(cd "$d" && ls -A | grep -v -x -e src -e err -e out.md -e first.md -e third.md)
    [ -z "$left" ] || fail "watch: left behind: $left"
    echo "   $(grep -c ' built out.md' "$e") builds, status $st at SIGHUP, LeakSanitizer at its exit, nothing left behind"
}

for p in $PARTS; do
    case $p in
    0) part_count ;;
    1) part_alloc ;;
    2) part_writes ;;
    3) part_signals ;;
    4) part_concurrent ;;
    5) part_stdout ;;
    6) part_watch ;;
    esac
done
echo "check-faults: $FAILED failures, $(($(date +%s) - START)) s"
[ $FAILED = 0 ]
