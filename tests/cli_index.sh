#!/usr/bin/env bash
# `whosaid index` as a command: its input, options, output and exit codes
# (the merging itself is tests/test_index.c; a whole corpus is
# bench/index_polnear.sh).
#
#   tests/cli_index.sh WHOSAID
#
# Prints "N passed, N failed"; exit 1 if anything failed.
set -u
. "$(dirname "$0")/lib.sh"

suite_start cli_index WHOSAID 1 1 "$@"
whosaid=$1
seed=$here/../examples/seed.txt

# Records to index: the seed's, written by whosaid itself.
"$whosaid" --quiet "$seed" >"$work/records" 2>"$work/err"
check "whosaid writes the seed's records" [ -s "$work/records" ]

# Every line of FILE is one JSON object with the index fields.
index_lines_ok() {
    "$py" - "$1" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1], encoding='utf-8'):
    e = json.loads(line)
    for k in ('quoteID', 'quotation', 'speaker', 'probas', 'numOccurrences',
              'numDocuments', 'occurrences'):
        assert k in e, k
    assert e['numOccurrences'] == len(e['occurrences'])
    n += 1
assert n > 0
PY
}

run index "$work/records"
check "index: exit 0" is "$rc" 0
check "index: JSON lines with the index fields" index_lines_ok "$work/out"
cp "$work/out" "$work/expected"
# the seed's direct quotations, each its own entry
check "index: one entry per direct quotation of the seed" \
    is "$(wc -l <"$work/out")" "$(grep -c '"type":"direct"' "$work/records")"

# The same index however the input and output are named.
same_as_expected() { cmp -s "$1" "$work/expected"; }
run index -o "$work/o1" "$work/records"
check "-o FILE: exit 0, nothing on stdout" [ "$rc" -eq 0 ] && [ ! -s "$work/out" ]
check "-o FILE: the same index" same_as_expected "$work/o1"
run index "-o$work/o2" "$work/records"
check "-oFILE: the same index" same_as_expected "$work/o2"
run index "--memory=16" -o "$work/o3" "$work/records"
check "--memory=16: the same index" same_as_expected "$work/o3"
# The entries come in one order whatever the partitioning (2 partitions
# for this file at --memory 1, one at --memory 64, 64 for a pipe of
# unknown size): 150 copies of the records (over 512 KiB) under other doc
# names, so that identical texts meet in one partition.
for k in $(seq 1 150); do sed "s/\"doc\":\"[^\"]*\"/\"doc\":\"d$k\"/" "$work/records"; done >"$work/many"
run index --memory 1 --types direct,indirect "$work/many"
cp "$work/out" "$work/many1"
check "the copies are over 512 KiB" [ "$(wc -c <"$work/many")" -gt 524288 ]
run index --memory 64 --types direct,indirect "$work/many"
check "--memory 1 and 64: the same index, in the same order" cmp -s "$work/out" "$work/many1"
cp "$work/many" "$work/in"
run index --types direct,indirect
rm -f "$work/in"
check "a pipe: the same index, in the same order" cmp -s "$work/out" "$work/many1"
cp "$work/records" "$work/in"
run index -
rm -f "$work/in"
check "standard input (-): the same index" same_as_expected "$work/out"

# --types direct,indirect adds the indirect quotations.
run index --types direct,indirect "$work/records"
check "--types direct,indirect: exit 0" is "$rc" 0
check "--types direct,indirect: the indirect quotations too" \
    [ "$(wc -l <"$work/out")" -gt "$(wc -l <"$work/expected")" ]

# Usage errors: exit 2, a message naming the problem.
for args in "--bogus" "--types sideways" "--types both" "--memory lots" "--memory 0"; do
    # shellcheck disable=SC2086 # split on purpose
    run index $args "$work/records"
    check "index $args: exit 2" is "$rc" 2
    check "index $args: says why" grep -q "whosaid index: " "$work/err"
done
for opt in --types --memory --tmpdir --html -o; do
    run index "$work/records" "$opt"
    check "index ... $opt (no value): exit 2" is "$rc" 2
    check "index ... $opt (no value): says a value is missing" \
        grep -q "a value is missing after $opt" "$work/err"
done
run index "$work/no-such-file"
check "a missing file: exit 2" is "$rc" 2
check "a missing file: the message names it" grep -q "whosaid index: $work/no-such-file: " "$work/err"
run index -o "$work/no/such/dir/index.jsonl" "$work/records"
check "an output that cannot be made: exit 2" is "$rc" 2
check "an output that cannot be made: the message names it" \
    grep -q "whosaid index: $work/no/such/dir/index.jsonl: " "$work/err"
run index --html "$work/no/such/dir/page.html" "$work/records"
check "a page that cannot be made: exit 2" is "$rc" 2
check "a page that cannot be made: the message names it" \
    grep -q "whosaid index: $work/no/such/dir/page.html: " "$work/err"
run index --tmpdir "$work/no/such/dir" "$work/records"
check "a --tmpdir that cannot be used: exit 2" is "$rc" 2
check "a --tmpdir that cannot be used: the message names it" \
    grep -q "whosaid index: $work/no/such/dir: " "$work/err"

# whosaid index is in whosaid --help and in the man page.
run --help
check "whosaid --help lists whosaid index" grep -q "whosaid index" "$work/out"
MANWIDTH=100 man -l "$here/../docs/whosaid.1" >"$work/man" 2>/dev/null
check "the man page has a WHOSAID INDEX section" grep -q "^WHOSAID INDEX" "$work/man"
check "the man page's synopsis gives whosaid index" \
    bash -c 'sed -n "/^SYNOPSIS/,/^DESCRIPTION/p" "$1" | grep -q "whosaid index"' _ "$work/man"

# A line that is no record: skipped, named, exit 1; the rest indexed.
{ echo 'not json'; cat "$work/records"; } >"$work/mixed"
run index "$work/mixed"
check "a bad line: exit 1" is "$rc" 1
check "a bad line: named on stderr as FILE:LINE" grep -q "$work/mixed:1: " "$work/err"
check "a bad line: the rest indexed" same_as_expected "$work/out"

suite_end
