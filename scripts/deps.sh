#!/bin/sh
# deps.sh [--tests|--coverage|--bench] PKG... - make sure what bcreport
# builds with (the pkg-config packages PKG) is installed, with --tests what
# its test suite uses too, with --coverage gcovr besides (make coverage),
# with --bench what make bench runs (GNU time, cmark),
# installing the missing Debian packages with apt-get.
#
# Does nothing when everything is there.  Otherwise it needs root (or sudo)
# and apt-get; without them it says what to run and fails.
set -u

tests=false coverage=false bench=false
case "${1:-}" in
--tests) tests=true; shift ;;
--coverage) tests=true; coverage=true; shift ;;
--bench) bench=true; shift ;;
esac

missing=""
need() { missing="$missing $1"; }

command -v pkg-config >/dev/null 2>&1 || need pkg-config
for pc in "$@"; do
    if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$pc"; then
        continue
    fi
    case "$pc" in
    yaml-0.1) need libyaml-dev ;;
    libcmark) need libcmark-dev ;;
    cmocka) need libcmocka-dev ;;
    libutf8proc) need libutf8proc-dev ;;
    libzip) need libzip-dev ;;
    zlib) need zlib1g-dev ;;
    xlsxwriter) need libxlsxwriter-dev ;;
    *) echo "deps.sh: error: no Debian package known for pkg-config name $pc" >&2
       exit 1 ;;
    esac
done
command -v make >/dev/null 2>&1 && command -v cc >/dev/null 2>&1 ||
    need build-essential
# msgfmt compiles the Vietnamese messages (po/vi.po) at build time.
command -v msgfmt >/dev/null 2>&1 || need gettext

if $tests; then
    # A real HTML parser, a real browser and PDF tools for the HTML and PDF
    # tests;
    # the Times-compatible fonts with every Vietnamese capital; a real JSON
    # Schema validator; strace, which injects faults and signals.
    command -v xmllint >/dev/null 2>&1 || need libxml2-utils
    command -v chromium >/dev/null 2>&1 || need chromium
    command -v pdfinfo >/dev/null 2>&1 || need poppler-utils
    [ -d /usr/share/fonts/truetype/liberation2 ] || need fonts-liberation2
    /usr/bin/python3 -c 'import jsonschema' 2>/dev/null ||
        need python3-jsonschema
    command -v strace >/dev/null 2>&1 || need strace
    # make check-valgrind runs the suite under valgrind memcheck.
    command -v valgrind >/dev/null 2>&1 || need valgrind
    # LibreOffice without its GUI prints the DOCX to PDF (the DOCX layout
    # tests, and --pdf-engine=libreoffice); unzip lists the package.
    command -v soffice >/dev/null 2>&1 || need libreoffice-writer-nogui
    # LibreOffice Calc reads back the workbook of bcreport summary -f xlsx
    # (its formulas recalculated) and writes each sheet as CSV.
    [ -e /usr/lib/libreoffice/program/libsclo.so ] ||
        need libreoffice-calc-nogui
    command -v unzip >/dev/null 2>&1 || need unzip
    # The manual page, rendered as man and groff render it (test_install).
    command -v man >/dev/null 2>&1 || need man-db
    command -v groff >/dev/null 2>&1 || need groff-base
    # The Debian package, built by dpkg-buildpackage (test_install).
    command -v dpkg-buildpackage >/dev/null 2>&1 || need dpkg-dev
    command -v dh >/dev/null 2>&1 || need debhelper
    # The Vietnamese messages are tested under a real vi_VN.UTF-8 locale,
    # generated below once the package is there.
    [ -f /etc/locale.gen ] || need locales
fi
if $bench; then
    # Peak memory is GNU time's %M; the HTML floor includes Debian's cmark.
    [ -x /usr/bin/time ] || need time
    command -v cmark >/dev/null 2>&1 || need cmark
fi
# make coverage: gcovr reads gcov's counts and writes the reports.
if $coverage; then
    command -v gcovr >/dev/null 2>&1 || need gcovr
fi
# Generates the vi_VN.UTF-8 locale for the tests (root, or sudo).
vi_locale() {
    locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && return 0
    if [ "$(id -u)" -eq 0 ]; then s=""; elif command -v sudo >/dev/null 2>&1; then s="sudo"; else
        echo "deps.sh: warning: cannot generate vi_VN.UTF-8 (not root)" >&2; return 0
    fi
    echo "deps.sh: generating the vi_VN.UTF-8 locale"
    $s localedef -i vi_VN -f UTF-8 vi_VN.UTF-8 ||
        echo "deps.sh: warning: localedef could not make vi_VN.UTF-8" >&2
}

if [ -z "$missing" ]; then
    $tests && vi_locale
    exit 0
fi

echo "deps.sh: missing packages:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps.sh: error: apt-get not found; install these packages (or their" >&2
    echo "  equivalents for your system) by hand:$missing" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "deps.sh: error: installing needs root; run as root:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
echo "deps.sh: installing them with apt-get"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends $missing || {
    echo "deps.sh: error: apt-get could not install:$missing" >&2
    exit 1
}
$tests && vi_locale
exit 0
