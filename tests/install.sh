#!/usr/bin/env bash
# make install: the files, the shared library's SONAME and version links,
# whosaid.pc, and a user's program (tests/install_prog.c, calling ws_extract
# and ws_run) built through pkg-config alone and run, linked against the
# shared library and against the static one.
#
#   tests/install.sh WHOSAID
#
# WHOSAID (the CLI under test) gives the seed's records to compare with.
# Installs from the source tree (make install, which builds what is not
# yet built) into a scratch PREFIX, and into a scratch DESTDIR with
# PREFIX=/opt/whosaid (staging: the files under DESTDIR, the .pc naming
# PREFIX).
. "$(dirname "$0")/lib.sh"
suite_start install WHOSAID 1 1 "$@"
whosaid=$1

root=$(cd "$here/.." && pwd)
seed=$root/examples/seed.txt
version=$(sed -n 's/^#define WHOSAID_VERSION "\(.*\)"/\1/p' "$root/include/whosaid.h")
cflags=(-std=c11 -Wall -Wextra -Werror)

# install_to ARGS...: make install ARGS; its output in $work/make.
install_to() {
    submake -C "$root" --no-print-directory -s install "$@" >"$work/make" 2>&1 ||
        { cat "$work/make"; return 1; }
}

prefix=$work/prefix
check "make install PREFIX=..." install_to PREFIX="$prefix"
lib=$prefix/lib
for f in bin/whosaid share/man/man1/whosaid.1 include/whosaid.h lib/libwhosaid.a \
    "lib/libwhosaid.so.$version" lib/pkgconfig/whosaid.pc; do
    check "installed: $f" test -f "$prefix/$f"
done
check "installed whosaid runs" bash -c '"$1" --version | grep -q "$2"' _ \
    "$prefix/bin/whosaid" "$version"
check "libwhosaid.so.0 -> libwhosaid.so.$version" is "$(readlink "$lib/libwhosaid.so.0")" \
    "libwhosaid.so.$version"
check "libwhosaid.so -> libwhosaid.so.0" is "$(readlink "$lib/libwhosaid.so")" libwhosaid.so.0
check "the shared library's SONAME is libwhosaid.so.0" \
    bash -c 'readelf -d "$1" | grep -q "(SONAME).*\[libwhosaid.so.0\]"' _ "$lib/libwhosaid.so.$version"
check "the man page renders" bash -c 'MANWIDTH=80 man -l "$1" 2>/dev/null | grep -q whosaid' _ \
    "$prefix/share/man/man1/whosaid.1"

export PKG_CONFIG_PATH=$lib/pkgconfig
check "pkg-config: whosaid's version" is "$(pkg-config --modversion whosaid)" "$version"
check "pkg-config --cflags: the installed header" \
    bash -c 'pkg-config --cflags whosaid | grep -q -- "-I$1/include"' _ "$prefix"
check "pkg-config --static: the libraries libwhosaid.a needs" \
    bash -c 'l=$(pkg-config --static --libs whosaid) && for x in -lutf8proc -lxml2 -lzstd -lz; do
        case " $l " in *" $x "*) ;; *) exit 1 ;; esac; done'

"$whosaid" --quiet "$seed" >"$work/cli.jsonl" 2>"$work/err"
want="version $version extract $(wc -l <"$work/cli.jsonl") run $(wc -l <"$work/cli.jsonl")"

# runs PROG [ENV...]: it prints what the seed should give and writes the
# CLI's records.
runs() {
    local prog=$1
    shift
    env "$@" "$prog" "$seed" "$work/run.jsonl" >"$work/got" 2>"$work/err" &&
        is "$(cat "$work/got")" "$want" && cmp -s "$work/run.jsonl" "$work/cli.jsonl"
}

# Shared: the header and flags from pkg-config, the library at run time
# from LD_LIBRARY_PATH.
# shellcheck disable=SC2046 # pkg-config's flags are words
check "a program builds with pkg-config --cflags --libs whosaid" \
    cc "${cflags[@]}" -o "$work/prog_so" "$here/install_prog.c" $(pkg-config --cflags --libs whosaid)
check "it needs libwhosaid.so.0" bash -c 'readelf -d "$1" | grep -q "NEEDED.*libwhosaid.so.0"' _ "$work/prog_so"
check "it runs on the installed shared library" runs "$work/prog_so" LD_LIBRARY_PATH="$lib"
check "it resolves libwhosaid.so.0 in PREFIX" \
    bash -c 'LD_LIBRARY_PATH="$1" ldd "$2" | grep -q "libwhosaid.so.0 => $1/libwhosaid.so.0"' _ \
    "$lib" "$work/prog_so"

# Static: the archive in place of -lwhosaid, with what it needs from
# pkg-config --static (Requires.private, Libs.private).
static_libs=$(pkg-config --static --libs whosaid | sed 's/-lwhosaid\b/-l:libwhosaid.a/')
# shellcheck disable=SC2046,SC2086
check "a program builds with libwhosaid.a and pkg-config --static --libs" \
    cc "${cflags[@]}" -o "$work/prog_a" "$here/install_prog.c" $(pkg-config --cflags whosaid) $static_libs
check "it does not need libwhosaid.so" bash -c '! readelf -d "$1" | grep -q libwhosaid' _ "$work/prog_a"
check "it runs with no library path" runs "$work/prog_a"
check "libwhosaid.a alone does not link (the private libraries are needed)" \
    bash -c '! cc -o "$1" "$2" $(pkg-config --cflags whosaid) "$3/libwhosaid.a" 2>/dev/null' _ \
    "$work/prog_bad" "$here/install_prog.c" "$lib"

# Staging: the files under DESTDIR, the paths in the .pc those of PREFIX.
stage=$work/stage
check "make install DESTDIR=... PREFIX=/opt/whosaid" install_to DESTDIR="$stage" PREFIX=/opt/whosaid
check "DESTDIR: the files under DESTDIR/opt/whosaid" \
    test -x "$stage/opt/whosaid/bin/whosaid" -a -L "$stage/opt/whosaid/lib/libwhosaid.so.0"
check "DESTDIR: nothing outside it" is "$(find "$stage" -mindepth 1 -maxdepth 1)" "$stage/opt"
check "DESTDIR: whosaid.pc names PREFIX, not DESTDIR" \
    bash -c 'grep -qx "prefix=/opt/whosaid" "$1" && ! grep -q "$2" "$1"' _ \
    "$stage/opt/whosaid/lib/pkgconfig/whosaid.pc" "$stage"
submake -C "$root" -s uninstall DESTDIR="$stage" PREFIX=/opt/whosaid >"$work/make" 2>&1
check "make uninstall DESTDIR=... removes every file" \
    is "$(find "$stage" -type f -o -type l)" ""

suite_end
