#!/bin/sh
# deps.sh PKG... - make sure the pkg-config packages bcreport builds with are
# installed, installing the missing Debian packages with apt-get.
#
# Does nothing when pkg-config finds them all.  Otherwise it needs root (or
# sudo) and apt-get; without them it says what to run and fails.
set -u

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
for pc in "$@"; do
    if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$pc"; then
        continue
    fi
    case "$pc" in
    yaml-0.1) missing="$missing libyaml-dev" ;;
    libcmark) missing="$missing libcmark-dev" ;;
    cmocka) missing="$missing libcmocka-dev" ;;
    libutf8proc) missing="$missing libutf8proc-dev" ;;
    *) echo "deps.sh: error: no Debian package known for pkg-config name $pc" >&2
       exit 1 ;;
    esac
done
command -v make >/dev/null 2>&1 && command -v cc >/dev/null 2>&1 ||
    missing="$missing build-essential"
[ -z "$missing" ] && exit 0

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
$sudo apt-get update -qq && $sudo apt-get install -y -qq $missing || {
    echo "deps.sh: error: apt-get could not install:$missing" >&2
    exit 1
}
