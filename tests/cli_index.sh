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
for opt in --types --memory --tmpdir --html --merged -o; do
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
run index --merged "$work/no/such/dir/merged.jsonl" "$work/records"
check "a --merged file that cannot be made: exit 2" is "$rc" 2
check "a --merged file that cannot be made: the message names it" \
    grep -q "whosaid index: $work/no/such/dir/merged.jsonl: " "$work/err"
run index --tmpdir "$work/no/such/dir" "$work/records"
check "a --tmpdir that cannot be used: exit 2" is "$rc" 2
check "a --tmpdir that cannot be used: the message names it" \
    grep -q "whosaid index: $work/no/such/dir: " "$work/err"

# One person under several names across documents (issue 14, point 11):
# merged before the votes, and the merges listed.
rec() { printf '{"doc":"%s","type":"direct","start":0,"end":9,"quote":"%s","speaker":"%s"}\n' "$@"; }
{
    rec A "We will rebuild the roads and bridges of this country" "Barack Obama"
    rec B "Nobody is above the law in this country of ours" "Obama"
    rec C "The wall will be built and it will be beautiful" "Donald Trump"
    rec D "The wall will be built and it will be beautiful" "Donald J. Trump"
    rec E "The wall will be built and it will be beautiful" "Mitt Romney"
    rec F "Air pollution cuts lives short by more than a year" "Josh Apte"
    rec G "Clean air is the cheapest medicine we have got" "Joshua Apte"
    rec H "I am with her and proud of it every day" "Hillary Clinton"
    rec I "It depends on what the meaning of the word is" "Bill Clinton"
    rec J "We have to keep the promises we made to the voters" "Clinton"
} >"$work/names"
run index --merged "$work/merged" --html "$work/names.html" "$work/names"
check "names: exit 0, nothing on stderr" [ "$rc" -eq 0 ] && [ ! -s "$work/err" ]
# speaker_of TEXT: the speaker of the entry whose quotation starts TEXT
speaker_of() {
    "$py" -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    if e["quotation"].startswith(sys.argv[2]):
        print(e["speaker"])' "$work/out" "$1"
}
check "a bare surname one person has: Obama is Barack Obama" \
    is "$(speaker_of Nobody)" "Barack Obama"
check "middle initials aside: the votes of Donald Trump and Donald J. Trump are one speaker's" \
    is "$(speaker_of 'The wall')" "Donald J. Trump"
check "a short given name: Josh Apte is Joshua Apte" is "$(speaker_of Air)" "Joshua Apte"
check "two Clintons: the bare surname stays itself" is "$(speaker_of 'We have')" "Clinton"
check "each occurrence keeps its record's speaker" grep -q '"speaker":"Obama"}' "$work/out"
cat >"$work/merged.want" <<'EOF2'
{"name":"Obama","speaker":"Barack Obama","rule":"surname","occurrences":1}
{"name":"Donald Trump","speaker":"Donald J. Trump","rule":"middle","occurrences":1}
{"name":"Josh Apte","speaker":"Joshua Apte","rule":"given","occurrences":1}
EOF2
check "--merged FILE: one JSON line per merged name" cmp -s "$work/merged" "$work/merged.want"
check "--html FILE: the merged names on the corpus page" \
    grep -q '<tr data-name="Josh Apte" data-speaker="Joshua Apte" data-rule="given">' "$work/names.html"
check "--html FILE: no top speaker under a merged name" \
    bash -c '! grep -q "<tr data-speaker=\"Donald Trump\">" "$1"' _ "$work/names.html"

# More distinct speaker names than the table holds (32768): the run
# finishes, and standard error says how many records were left unmerged.
"$py" - "$work/many-names" <<'PY'
import itertools, string, sys
with open(sys.argv[1], "w") as f:
    k = 0
    for a, b, c in itertools.product(string.ascii_lowercase, repeat=3):
        for surname in ("Zora", "Zeta"):
            f.write('{"doc":"d%d","type":"direct","start":0,"end":9,'
                    '"quote":"quotation number %d of the corpus","speaker":"Xq%s%s%s %s"}\n'
                    % (k, k, a, b, c, surname))
            k += 1
PY
run index -o "$work/many-names.index" "$work/many-names"
check "a full name table: exit 0" is "$rc" 0
check "a full name table: stderr says how many records' speakers were not merged" \
    grep -q "^whosaid index: more distinct speaker names than the 32768 the name table holds: the speakers of 2384 records were not merged$" "$work/err"

# whosaid index is in whosaid --help and in the man page.
run --help
check "whosaid --help lists whosaid index" grep -q "whosaid index" "$work/out"
MANWIDTH=100 man -l "$here/../docs/whosaid.1" >"$work/man" 2>/dev/null
check "the man page has a WHOSAID INDEX section" grep -q "^WHOSAID INDEX" "$work/man"
run index --help
check "whosaid index --help gives --merged and the merging rules" \
    bash -c 'grep -q -- "--merged FILE" "$1" && grep -q "Joshua Apte" "$1"' _ "$work/out"
check "the man page gives --merged" grep -q -- "--merged" "$work/man"
check "the man page's synopsis gives whosaid index" \
    bash -c 'sed -n "/^SYNOPSIS/,/^DESCRIPTION/p" "$1" | grep -q "whosaid index"' _ "$work/man"

# A line that is no record: skipped, named, exit 1; the rest indexed.
{ echo 'not json'; cat "$work/records"; } >"$work/mixed"
run index "$work/mixed"
check "a bad line: exit 1" is "$rc" 1
check "a bad line: named on stderr as FILE:LINE" grep -q "$work/mixed:1: " "$work/err"
check "a bad line: the rest indexed" same_as_expected "$work/out"

# Outputs never lose a file (issue 14, points 1 and 2): an output that is
# an input is refused before anything is written, and a run that fails
# leaves what was under the output's name as it was, with no temporary.
cp "$work/records" "$work/in.jsonl"
run index "$work/in.jsonl" -o "$work/in.jsonl"
check "-o the input: exit 2" is "$rc" 2
check "-o the input: the input untouched" cmp -s "$work/in.jsonl" "$work/records"
check "-o the input: the file named on stderr" grep -q "in.jsonl: the output is one of the inputs" "$work/err"
run index "$work/in.jsonl" --merged "$work/in.jsonl"
check "--merged the input: exit 2, the input untouched" \
    bash -c '[ "$1" -eq 2 ] && cmp -s "$2" "$3"' _ "$rc" "$work/in.jsonl" "$work/records"
mkdir -p "$work/keep"
echo "old index" >"$work/keep/idx.jsonl"
run index "$work/keep/no-such-input.jsonl" -o "$work/keep/idx.jsonl"
check "a failed run: exit 2" is "$rc" 2
check "a failed run: the old output kept as it was" grep -qx "old index" "$work/keep/idx.jsonl"
check "a failed run: no temporary left" is "$(ls "$work/keep" | wc -l)" 1
run index "$work/records" -o "$work/keep/idx.jsonl" --html "$work/keep/page.html" --merged "$work/keep/m.jsonl"
check "a run that succeeds: each output in place, no temporary" \
    bash -c 'cmp -s "$1/idx.jsonl" "$2" && [ -s "$1/page.html" ] && [ -e "$1/m.jsonl" ] && [ "$(ls "$1" | wc -l)" -eq 3 ]' \
    _ "$work/keep" "$work/expected"

suite_end
