#!/usr/bin/env bash
# README.md's set-up and link instructions, taken from the README itself:
# the package list of each *-deps target is what tools/deps.sh installs,
# the sample "missing packages" line is what make prints, and every link
# command of "The library" builds tests/install_prog.c (which calls
# ws_extract and ws_run), which then runs.
#
#   tests/readme.sh WHOSAID
#
# WHOSAID (the CLI) gives the seed's records the programs must write.
. "$(dirname "$0")/lib.sh"
suite_start readme WHOSAID 1 1 "$@"
whosaid=$1

root=$(cd "$here/.." && pwd)
readme=$root/README.md
seed=$root/examples/seed.txt

# ---- packages ---------------------------------------------------------------
# readme_packages TARGET: the packages README's "* `make TARGET` ..." line
# names (the backquoted words after the colon).
readme_packages() {
    sed -n "s/^\\* \`make $1\` [^:]*: //p" "$readme" | tr -d '`' | tr -s ' '
}
# deps_packages SET...: what the target installs, minus the sets README
# lists under an earlier target ("those and: ...").
deps_packages() { "$root/tools/deps.sh" list "$@"; }
check "README: make deps installs the build packages" \
    is "$(readme_packages deps)" "$(deps_packages build)"
check "README: make python-deps adds the python packages" \
    is "$(readme_packages python-deps)" "$(deps_packages python)"
check "README: make test-deps adds the test packages" \
    is "$(readme_packages test-deps)" "$(deps_packages test)"
check "README: make dev-deps adds the dev packages" \
    is "$(readme_packages dev-deps)" "$(deps_packages dev)"

# The sample line, against make's with libxml-2.0 hidden from pkg-config.
mkdir -p "$work/pc"
for m in libutf8proc libzstd zlib; do
    ln -s "$(pkg-config --variable=pcfiledir $m)/$m.pc" "$work/pc/"
done
sample=$(grep -m1 '^Makefile:[0-9]*: \*\*\* missing' "$readme" | sed 's/^Makefile:[0-9]*:/Makefile:N:/')
actual=$(PKG_CONFIG_LIBDIR=$work/pc submake -C "$root" --no-print-directory check-deps 2>&1 |
    sed 's/^Makefile:[0-9]*:/Makefile:N:/')
check "README: the sample line is make's" is "$sample" "$actual"

# ---- link lines ---------------------------------------------------------------
# The "cc ... prog.c ..." lines of README's sh blocks, in order.
mapfile -t links < <(awk '/^```sh$/ {on = 1; next} /^```$/ {on = 0}
    on && /^cc .*prog\.c/' "$readme")
check "README: three link lines (shared, static, build tree)" is "${#links[@]}" 3

prefix=$work/prefix
submake -C "$root" --no-print-directory -s install PREFIX="$prefix" >"$work/make" 2>&1 ||
    cat "$work/make"
"$whosaid" --quiet "$seed" >"$work/cli.jsonl"

# builds_and_runs N LINE: LINE, run from the source tree with prog.c the
# test program, builds a program that gives the CLI's records.
builds_and_runs() {
    local prog=$work/prog$1 cmd=${2/prog.c/"$here/install_prog.c" -o "$work/prog$1"}
    (cd "$root" && PKG_CONFIG_PATH=$prefix/lib/pkgconfig bash -c "$cmd") &&
        LD_LIBRARY_PATH=$prefix/lib "$prog" "$seed" "$work/run$1.jsonl" >/dev/null &&
        cmp -s "$work/run$1.jsonl" "$work/cli.jsonl" || { echo "  line: $2"; return 1; }
}
for i in "${!links[@]}"; do
    check "README link line $((i + 1)) builds a program that runs" builds_and_runs "$i" "${links[$i]}"
done

suite_end
