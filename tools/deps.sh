#!/bin/sh
# The Debian 12 packages each part of whosaid needs, checked and installed
# by the Makefile (make deps, python-deps, test-deps, dev-deps):
#
#   tools/deps.sh list SET...      the packages of the SETs, one line
#   tools/deps.sh missing SET...   those whose header, pkg-config module,
#                                  command or Python module is not there
#   tools/deps.sh install SET...   apt-get install -y --no-install-recommends
#                                  the ones dpkg does not list as installed
#
# SETs: build (the library and the CLI: make, make run, make install),
# python (make python, the wheel), test (what make test needs beyond build
# and python), dev (make valgrind, make fuzz). chromium, for the seed's
# page in a real browser (tests/view_chromium.sh), is in no set: that
# check skips without it (CI installs it).
# The checks look at what the build uses rather than at dpkg, so that a
# missing header is found before the first compile, and they honour $CC.
# APT_GET and DEPS_INSTALLED (a command, given a package name, that succeeds
# when it is installed; default dpkg -s) are for the tests.
set -u

build="gcc libc6-dev make pkg-config libutf8proc-dev libxml2-dev libzstd-dev zlib1g-dev"
python="python3 python3-venv python3-setuptools python3-wheel"
test="clang zstd man-db python3-pytest python3-distributed python3-pandas python3-jsonschema"
dev="valgrind libclang-rt-14-dev"

cc=${CC:-cc}

# header NAME: the C compiler finds <NAME> (libxml2's headers sit one
# directory down); without a compiler, /usr/include is looked at directly.
header() {
    if command -v "$cc" >/dev/null 2>&1; then
        printf '#include <%s>\n' "$1" |
            "$cc" -I/usr/include/libxml2 -E -x c - >/dev/null 2>&1
    else
        [ -e "/usr/include/$1" ] || [ -e "/usr/include/libxml2/$1" ]
    fi
}

# library MODULE HEADER: pkg-config knows MODULE (its header when there is
# no pkg-config; pkg-config itself is then reported missing).
library() {
    if command -v pkg-config >/dev/null 2>&1; then
        pkg-config --exists "$1"
    else
        header "$2"
    fi
}

pymodule() { /usr/bin/python3 -c "import $1" >/dev/null 2>&1; }
command_is() { command -v "$1" >/dev/null 2>&1; }

# present PACKAGE: what PACKAGE gives the build is there.
present() {
    case $1 in
    gcc) command_is "$cc" ;;
    libc6-dev) header stdlib.h ;;
    make | pkg-config | clang | zstd | valgrind) command_is "$1" ;;
    libutf8proc-dev) library libutf8proc utf8proc.h ;;
    libxml2-dev) library libxml-2.0 libxml/xmlversion.h ;;
    libzstd-dev) library libzstd zstd.h ;;
    zlib1g-dev) library zlib zlib.h ;;
    python3) [ -x /usr/bin/python3 ] ;;
    python3-venv) pymodule ensurepip ;;
    python3-*) pymodule "${1#python3-}" ;;
    man-db) command_is man ;;
    *) dpkg -s "$1" >/dev/null 2>&1 ;;
    esac
}

# packages SET...: the packages of the SETs.
packages() {
    for set in "$@"; do
        case $set in
        build) echo "$build" ;;
        python) echo "$python" ;;
        test) echo "$test" ;;
        dev) echo "$dev" ;;
        *) echo "tools/deps.sh: unknown set '$set'" >&2; exit 2 ;;
        esac
    done | tr '\n' ' ' | sed 's/ *$//'
}

# install PACKAGE...: apt-get the ones not installed, as root (sudo when
# there is one and we are not root).
install() {
    missing=""
    for p in "$@"; do
        ${DEPS_INSTALLED:-dpkg -s} "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    if [ -z "$missing" ]; then
        echo "installed already: $*"
        return 0
    fi
    apt=${APT_GET:-apt-get}
    if [ -z "${APT_GET:-}" ] && [ "$(id -u)" -ne 0 ]; then
        if ! command_is sudo; then
            echo "tools/deps.sh: installing$missing needs root (apt-get)" >&2
            return 1
        fi
        apt="sudo apt-get"
    fi
    echo "installing:$missing"
    # shellcheck disable=SC2086 # word splitting of the lists is meant
    $apt update -qq &&
        DEBIAN_FRONTEND=noninteractive $apt install -y --no-install-recommends $missing
}

[ $# -ge 2 ] || { echo "usage: $0 list|missing|install SET..." >&2; exit 2; }
mode=$1
shift
list=$(packages "$@") || exit 2
case $mode in
list) echo "$list" ;;
missing)
    out=""
    for p in $list; do present "$p" || out="$out $p"; done
    echo "${out# }"
    ;;
install)
    # shellcheck disable=SC2086
    install $list
    ;;
*) echo "usage: $0 list|missing|install SET..." >&2; exit 2 ;;
esac
