#!/usr/bin/env bash
# The set-up: a build with packages missing stops before the first compile
# with one line naming them and `make deps`; make deps installs the build
# packages only, with --no-install-recommends; building and running need
# no test package (pytest, Dask).
#
#   tests/make_deps.sh
#
# Runs make in a scratch copy of the sources (nothing is built there), with
# packages made to look missing: pkg-config's search path emptied or
# pruned, CC set to no compiler; apt-get and dpkg stand-ins for make deps.
. "$(dirname "$0")/lib.sh"
suite_start make_deps "" 0 0 "$@"

root=$(cd "$here/.." && pwd)
tree=$work/tree
mkdir -p "$tree"
cp -r "$root/Makefile" "$root/tools" "$root/src" "$root/include" "$root/cli" \
    "$root/data" "$tree/"
build_set=$("$root/tools/deps.sh" list build)

# mk ARGS...: make in the copy, output in $work/out, status in $rc.
mk() {
    submake -C "$tree" --no-print-directory "$@" >"$work/out" 2>&1
    rc=$?
}

# stops_with PACKAGES: make failed with exactly one line, which names
# PACKAGES (and no other) and make deps, and compiled nothing.
stops_with() {
    local lines named
    lines=$(wc -l <"$work/out")
    named=$(sed -n 's/.*missing Debian packages: \([^;]*\);.*/\1/p' "$work/out")
    [ "$rc" -ne 0 ] && [ "$lines" -eq 1 ] && is "$named" "$1" &&
        grep -q '`make deps`' "$work/out" && [ ! -e "$tree/build/obj" ] ||
        { cat "$work/out"; return 1; }
}

# Every library hidden from pkg-config.
PKG_CONFIG_LIBDIR=$work/none mk
check "no pkg-config module: one line naming the four -dev packages" \
    stops_with "libutf8proc-dev libxml2-dev libzstd-dev zlib1g-dev"

# libxml2's module alone hidden: a search path with the others' .pc files.
mkdir -p "$work/pc"
for m in libutf8proc libzstd zlib; do
    ln -s "$(pkg-config --variable=pcfiledir $m)/$m.pc" "$work/pc/"
done
PKG_CONFIG_LIBDIR=$work/pc mk all
check "libxml-2.0 missing: one line naming libxml2-dev alone" stops_with libxml2-dev
PKG_CONFIG_LIBDIR=$work/pc mk run
check "make run stops the same way" stops_with libxml2-dev

mk CC="$work/no-such-cc"
check "no compiler: one line naming gcc" stops_with gcc

mk -s check-deps
check "with every build package there the check says nothing" \
    bash -c '[ "$1" -eq 0 ] && [ ! -s "$2" ]' _ "$rc" "$work/out"

# make deps and test-deps, with nothing installed (dpkg stand-in) and an
# apt-get that prints what it is asked.
DEPS_INSTALLED=false APT_GET="echo apt-get" mk -s deps
check "make deps: apt-get install -y --no-install-recommends the build packages" \
    grep -qx -- "apt-get install -y --no-install-recommends $build_set" "$work/out"
check "make deps: no test package (pytest, Dask) and no Python" \
    bash -c '! grep -q python3 "$1"' _ "$work/out"
DEPS_INSTALLED=false APT_GET="echo apt-get" mk -s test-deps
check "make test-deps: the build packages and pytest, Dask" \
    grep -qE -- "^apt-get install -y --no-install-recommends $build_set .*python3-pytest.*python3-distributed" "$work/out"
DEPS_INSTALLED=true APT_GET=false mk -s deps
check "make deps with everything installed runs no apt-get" \
    bash -c '[ "$1" -eq 0 ] && grep -q "installed already" "$2"' _ "$rc" "$work/out"

# Which sets a target checks: a deps script that logs what it is asked.
cat >"$work/deps-log.sh" <<EOF
#!/bin/sh
echo "\$*" >>"$work/asked"
EOF
chmod +x "$work/deps-log.sh"
asked() { rm -f "$work/asked"; mk -n DEPS="$work/deps-log.sh" "$@"; sort -u "$work/asked" | tr '\n' '|'; }
check "make and make run check the build set alone" is "$(asked all run)" "missing build|"
check "make test checks build, python and test" is "$(asked test)" \
    "missing build|missing build python test|"

suite_end
