#!/usr/bin/env bash
# The CLI's behaviour on bad input, options and arguments.
#
#   tests/cli_errors.sh WHOSAID
#
# Exit codes (README.md): 0 every document processed, 1 some document
# failed (each named on stderr), 2 usage or I/O error. Whatever the input
# bytes, every output line must be a JSON object whose offsets lie within
# its document. Prints "N passed, N failed"; exit 1 if anything failed.
set -u
. "$(dirname "$0")/lib.sh"

suite_start cli_errors WHOSAID 1 1 "$@"
whosaid=$1

# The output checker: every line of OUT is a JSON object with every field,
# valid UTF-8, its offsets within its document. INPUT is the text document
# (format text) or the JSONL stream, whose good lines give each document's
# length (format jsonl). Prints the problems; exit 1 if any.
cat >"$work/check.py" <<'EOF'
import json, sys

fmt, inp, out = sys.argv[1], sys.argv[2], sys.argv[3]
FIELDS = ('doc type start end quote speaker speaker_start speaker_end '
          'cue cue_start cue_end rule').split()
with open(inp, 'rb') as f:
    data = f.read()
lengths = {}
if fmt == 'text':
    default_len = len(data)
else:
    default_len = None
    for line in data.split(b'\n'):
        try:
            d = json.loads(line)
            lengths[d['id']] = len(d['text'].encode('utf-8'))
        except Exception:
            pass
problems = []
with open(out, 'rb') as f:
    raw = f.read()
try:
    text = raw.decode('utf-8')
except UnicodeDecodeError as e:
    sys.exit(f'output is not UTF-8: {e}')
if text and not text.endswith('\n'):
    problems.append('output does not end with a newline')
for n, line in enumerate(text.split('\n')[:-1] if text else [], 1):
    try:
        r = json.loads(line)
    except json.JSONDecodeError as e:
        problems.append(f'line {n}: not JSON: {e}: {line[:200]}')
        continue
    if not isinstance(r, dict):
        problems.append(f'line {n}: not an object'); continue
    missing = [k for k in FIELDS if k not in r]
    if missing:
        problems.append(f'line {n}: missing {missing}'); continue
    size = default_len if fmt == 'text' else lengths.get(r['doc'])
    if size is None:
        problems.append(f'line {n}: unknown doc {r["doc"]!r}'); continue
    if r['type'] not in ('direct', 'indirect'):
        problems.append(f'line {n}: type {r["type"]!r}')
    for k in ('quote', 'rule'):
        if not isinstance(r[k], str):
            problems.append(f'line {n}: {k} is not a string')
    for k in ('speaker', 'cue'):
        if r[k] is not None and not isinstance(r[k], str):
            problems.append(f'line {n}: {k} is neither a string nor null')
    for s, e, may_be_null in (('start', 'end', False),
                              ('speaker_start', 'speaker_end', True),
                              ('cue_start', 'cue_end', True)):
        a, b = r[s], r[e]
        if may_be_null and a is None and b is None:
            continue
        if not (type(a) is int and type(b) is int and 0 <= a <= b <= size):
            problems.append(f'line {n}: {s}/{e} = {a!r}/{b!r} not within '
                            f'[0, {size}]')
for p in problems[:20]:
    print('  ' + p)
sys.exit(1 if problems else 0)
EOF
valid_output() { "$py" "$work/check.py" "$1" "$2" "$work/out"; }

# The doc ids and types of the records in $work/out, one "doc type" a line.
records() {
    "$py" -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        r = json.loads(line)
        print(r["doc"], r["type"])
    except Exception:
        pass
' "$work/out"
}
# docs_in_output ID...: the output has a record of each document named.
docs_in_output() {
    local id docs
    docs=$(records | cut -d" " -f1)
    for id in "$@"; do
        grep -qx -- "$id" <<<"$docs" || { echo "  no record of $id"; return 1; }
    done
}
no_doc_in_output() { ! records | cut -d" " -f1 | grep -qx -- "$1"; }
only_direct() {
    local types
    types=$(records | cut -d" " -f2 | sort -u)
    [ "$types" = direct ] || { echo "  types: $types"; return 1; }
}
stderr_names_line() { grep -Eqi "(line[ :]*$1([^0-9]|\$)|:$1:)" "$work/err"; }

good() { printf '{"id":"%s","text":"\\"We will win,\\" she said. The vote is on Friday."}\n' "$1"; }

# ---- all good -----------------------------------------------------------
{ good d1; good d2; good d3; good d4; } >"$work/in"
run --in jsonl
check "all-good JSONL exits 0" is "$rc" 0
check "all-good JSONL gives records of d1 d2 d3 d4" docs_in_output d1 d2 d3 d4
check "all-good JSONL output is valid" valid_output jsonl "$work/in"
cp "$work/out" "$work/good.out"
cp "$work/in" "$work/good.jsonl"

# ---- a malformed line 2 of 4 -----------------------------------------------
for line2 in '{"id":"d2","text":"\"We will win,\" she said.' \
             '{"id":"d2","body":"no text field"}' \
             '[1, 2, 3]' \
             'not JSON at all'; do
    { good d1; printf '%s\n' "$line2"; good d3; good d4; } >"$work/in"
    run --in jsonl
    check "malformed line 2 ($line2) exits 1" is "$rc" 1
    check "malformed line 2 ($line2) is named on stderr" stderr_names_line 2
    check "malformed line 2 ($line2): records of d1 d3 d4 still written" \
        docs_in_output d1 d3 d4
    check "malformed line 2 ($line2): no record of d2" no_doc_in_output d2
    check "malformed line 2 ($line2): output is valid" valid_output jsonl "$work/in"
done

# ---- files and output ---------------------------------------------------------
rm -f "$work/in"
run --in jsonl "$work/good.jsonl"
check "JSONL file argument exits 0" is "$rc" 0
check "JSONL file argument gives the same output as stdin" cmp -s "$work/out" "$work/good.out"

run --in jsonl -o "$work/o.jsonl" "$work/good.jsonl"
check "-o FILE exits 0" is "$rc" 0
check "-o FILE writes nothing on stdout" test ! -s "$work/out"
check "-o FILE writes the output to FILE" cmp -s "$work/o.jsonl" "$work/good.out"

run --in jsonl -o "$work/no/such/dir/o.jsonl" "$work/good.jsonl"
check "-o into a missing directory exits 2" is "$rc" 2
check "-o into a missing directory says why" test -s "$work/err"

# An output that is one of the inputs is refused before it is opened: exit
# 2, one line naming the file, the input as it was; through another name
# of the same file (a symbolic or a hard link) and through standard input
# or output too. The --stats file may not be an input either.
cp "$work/good.jsonl" "$work/same.jsonl"
refused_intact() { # WHAT NAME
    check "$1: exit 2" is "$rc" 2
    check "$1: one line on stderr" is "$(wc -l <"$work/err")" 1
    check "$1: the message names $2" grep -q "^whosaid: $2: " "$work/err"
    check "$1: the input is untouched" cmp -s "$work/same.jsonl" "$work/good.jsonl"
}
run "$work/same.jsonl" -o "$work/same.jsonl"
refused_intact "-o FILE that is the input" "$work/same.jsonl"
ln -s same.jsonl "$work/same-link.jsonl"
ln "$work/same.jsonl" "$work/same-hard.jsonl"
run "$work/same-link.jsonl" -o "$work/same.jsonl"
refused_intact "-o FILE that a symbolic link input points to" "$work/same-link.jsonl"
run "$work/good.out" "$work/same-hard.jsonl" -o "$work/same.jsonl"
refused_intact "-o FILE that is a hard link of the second input" "$work/same-hard.jsonl"
cp "$work/good.jsonl" "$work/same.jsonl"
"$whosaid" --quiet --in jsonl -o "$work/same.jsonl" <"$work/same.jsonl" >"$work/out" 2>"$work/err"
rc=$?
refused_intact "-o FILE that is standard input" stdin
cp "$work/good.jsonl" "$work/same.jsonl"
"$whosaid" --quiet "$work/same.jsonl" >>"$work/same.jsonl" 2>"$work/err"
rc=$?
refused_intact "standard output appended to the input" "$work/same.jsonl"
cp "$work/good.jsonl" "$work/same.jsonl"
run --stats "$work/same.jsonl" "$work/same.jsonl"
refused_intact "--stats FILE that is the input" "$work/same.jsonl"
rm -f "$work/same-link.jsonl" "$work/same-hard.jsonl"

run "$work/no-such-file.txt"
check "nonexistent input file exits 2" is "$rc" 2
check "nonexistent input file gives a message" test -s "$work/err"
check "nonexistent input file writes no record" test ! -s "$work/out"

: >"$work/in"
run --in jsonl
check "empty JSONL input exits 0" is "$rc" 0
check "empty JSONL input writes nothing" test ! -s "$work/out"
run
check "empty text input exits 0" is "$rc" 0
check "empty text input writes nothing" test ! -s "$work/out"
rm -f "$work/in"

# ---- options ------------------------------------------------------------------
run --help
check "--help exits 0" is "$rc" 0
cp "$work/out" "$work/help"
for field in doc type start end quote speaker speaker_start speaker_end \
             cue cue_start cue_end rule; do
    check "--help mentions the field $field" grep -qw -- "$field" "$work/help"
done
check "--help mentions the exit codes" \
    bash -c 'grep -qi exit "$1" && grep -qw 0 "$1" && grep -qw 1 "$1" && grep -qw 2 "$1"' _ "$work/help"

run --no-such-option
check "an unknown option exits 2" is "$rc" 2
check "an unknown option gives a message" test -s "$work/err"

run --types bogus "$work/good.jsonl"
check "--types bogus exits 2" is "$rc" 2
check "--types bogus gives a message" test -s "$work/err"

run --in bogus "$work/good.jsonl"
check "--in bogus exits 2" is "$rc" 2

run --in jsonl --types direct "$work/good.jsonl"
check "--types direct exits 0" is "$rc" 0
check "--types direct writes direct records only" only_direct

# ---- any bytes as text ----------------------------------------------------
# Invalid UTF-8 around and inside quotations: stray continuation bytes,
# truncated and overlong sequences, surrogates, code points over U+10FFFF.
printf '\xff\xfe "We \xc3 will\x80 win," she said. \xe2\x80 \xe2\x80\x9c\xc0\xaf\xed\xa0\x80\xe2\x80\x9d Mr. \xf4\x90\x80\x80 Smith told reporters \xf0\x9f\x98 \xe2\x80\x9dyes\xe2\x80\x9c.\n\n\xe2\x80\x9c\xff\xe2\x80\x9d, said \xc3\xa9\xc3' >"$work/bad-utf8.txt"
# Alone, those bytes are over 5% of the text: not text (below). In an
# article of ordinary length they are a few stray bytes, read as U+FFFD.
prose() { for k in $(seq 1 "$1"); do printf 'The council met on Tuesday and voted on the budget. '; done; }
{ cat "$work/bad-utf8.txt"; printf '\n\n'; prose 40; } >"$work/bad-utf8-article.txt"
run "$work/bad-utf8-article.txt"
check "invalid UTF-8 in an article exits 0" is "$rc" 0
check "invalid UTF-8 in an article: output is valid, offsets within" \
    valid_output text "$work/bad-utf8-article.txt"
check "invalid UTF-8 in an article: its records are written" test -s "$work/out"

# Every byte value but NUL, in an article.
"$py" -c '
import sys
b = bytes(range(1, 256))
prose = b"The council met on Tuesday and voted on the budget. " * 120
sys.stdout.buffer.write(b + b"\"We will win,\" she said. " + b[::-1] + b"\"Yes.\"\n\n" + prose)
' >"$work/bytes.txt"
run "$work/bytes.txt"
check "every byte value but NUL in an article exits 0" is "$rc" 0
check "every byte value but NUL in an article: output is valid, offsets within" \
    valid_output text "$work/bytes.txt"

# ---- binary input is not text ------------------------------------------------
# A text document with a NUL byte, or with over 5% of its bytes not UTF-8
# (WS_NOT_TEXT_INVALID_PERCENT, docs/limits.md), is a failed document: exit
# 1, named with the reason and the byte where it shows, counted as
# not_text, no records; the other inputs are still processed.
first_byte() { # FILE WHAT: the offset of the first NUL, or of the first invalid UTF-8 byte
    "$py" - "$1" "$2" <<'EOF2'
import sys
data = open(sys.argv[1], 'rb').read()
if sys.argv[2] == 'nul':
    print(data.index(b'\0'))
else:
    try:
        data.decode('utf-8')
    except UnicodeDecodeError as e:
        print(e.start)
EOF2
}
# An executable: NUL bytes from its header on. Under `make valgrind`
# $whosaid is a shell wrapper (text), so take the program it runs.
program=$whosaid
[ -f "$(dirname "$whosaid")/whosaid-bin" ] && program=$(dirname "$whosaid")/whosaid-bin
cp "$program" "$work/program"
check "an executable: the copy holds a NUL byte (else this block tests nothing)" \
    grep -qaP '\x00' "$work/program"
run --stats "$work/binary.stats" "$work/program" "$work/good.jsonl"
check "an executable as input: exit 1" is "$rc" 1
check "an executable: named, with the reason and the first NUL's byte" \
    grep -qx "whosaid: $work/program: not text: it holds a NUL byte (binary data?) (byte $(first_byte "$work/program" nul))" "$work/err"
check "an executable: no record of it, the other input's records written" \
    bash -c '! grep -q "\"doc\":\"$1" "$2" && grep -q "\"doc\":\"d1\"" "$2"' _ "$work/program" "$work/out"
check "an executable: counted as not_text in --stats and the summary" \
    "$py" -c '
import json, sys
s = json.load(open(sys.argv[1]))
assert s["failed_by"]["not_text"] == 1 and s["documents_failed"] == 1, s
assert "failed (not_text 1)" in open(sys.argv[2]).read()
' "$work/binary.stats" "$work/err"
"$py" -c '
import random, sys
r = random.Random(7)
sys.stdout.buffer.write(b"An intro line.\n" + bytes(r.randrange(1, 256) for _ in range(20000)))
' >"$work/noise.bin"
run "$work/noise.bin"
check "random bytes without NUL: exit 1" is "$rc" 1
check "random bytes: named, with the reason and the first invalid byte" \
    grep -qx "whosaid: $work/noise.bin: not text: over 5% of its bytes are not UTF-8 (binary data, or another encoding?) (byte $(first_byte "$work/noise.bin" utf8))" "$work/err"
check "random bytes: no record" test ! -s "$work/out"
run "$work/bad-utf8.txt"
check "a short text that is mostly invalid UTF-8: not text, exit 1" \
    bash -c '[ "$1" -eq 1 ] && grep -q "not text: over 5%" "$2"' _ "$rc" "$work/err"
# windows-1252: a byte outside UTF-8 per accent, dash or curly quotation
# mark, under 5% in an article
{ printf '"We will win," said Ren\xe9e Dupont \x96 the mayor \x96 of the \x93plan\x94. '; prose 3; printf '\n'; } >"$work/cp1252.txt"
for k in 1 2 3 4 5 6 7 8; do cat "$work/cp1252.txt"; done >"$work/cp1252-article.txt"
run "$work/cp1252-article.txt"
check "a windows-1252 article is still text: exit 0 and records" \
    bash -c '[ "$1" -eq 0 ] && [ -s "$2" ]' _ "$rc" "$work/out"
printf 'Ren\xe9e \x96 \x93Oui\x94, said the caf\xe9 owner.\n' >"$work/cp1252-short.txt"
run "$work/cp1252-short.txt"
check "a short windows-1252 text (5 stray bytes in 40: under 16 of them) is still text: exit 0" \
    is "$rc" 0
"$py" -c 'import json; print(json.dumps({"id": "nul", "text": "A \u0000 escape. \"We will win,\" she said."}))' >"$work/nul.jsonl"
run "$work/nul.jsonl"
check "a NUL escape in a JSONL text is not judged binary: exit 0" is "$rc" 0

"$py" -c '
import json
t = "".join(chr(c) for c in range(256))
print(json.dumps({"id": "cp", "text": t + " \"We will win,\" she said. " + t[::-1]}))
print(json.dumps({"id": "cp2", "text": t + "\u201cA\u2018b\u201dc\u2019\U0001F600\u201d, he said."}, ensure_ascii=True))
' >"$work/in"
run --in jsonl
check "code points U+0000-U+00FF in JSONL exit 0" is "$rc" 0
check "code points U+0000-U+00FF in JSONL: output is valid, offsets within" valid_output jsonl "$work/in"
rm -f "$work/in"

suite_end
