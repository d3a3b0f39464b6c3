#!/usr/bin/env bash
# The CLI's runs: threads, compressed output, statistics, exit codes,
# progress and summary, the text outputs, and the man page.
#
#   tests/cli_run.sh WHOSAID
#
# Prints "N passed, N failed"; exit 1 if anything failed.
set -u
. "$(dirname "$0")/lib.sh"

suite_start cli_run WHOSAID 1 1 "$@"
whosaid=$1
man_page=$here/../docs/whosaid.1

# ---- inputs ----------------------------------------------------------------
# 600 documents, some quoted, every 50th line broken (12 bad lines).
"$py" - "$work/docs.jsonl" "$work/good.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], 'w') as mixed, open(sys.argv[2], 'w') as good:
    for k in range(600):
        text = (f'"We will win round {k}," Senator Ann Lee said on Friday. '
                f'The mayor told reporters that the vote {k} was fair.')
        line = json.dumps({'id': f'd{k}', 'text': text})
        good.write(line + '\n')
        mixed.write(('{"id": "broken' if k % 50 == 7 else line) + '\n')
EOF

# ---- the same output for any number of threads -----------------------------------
run -j1 --quiet "$work/docs.jsonl"
check "-j1 with broken lines exits 1" is "$rc" 1
cp "$work/out" "$work/j1.out"
cp "$work/err" "$work/j1.err"
run -j3 --quiet "$work/docs.jsonl"
check "-j3 with broken lines exits 1" is "$rc" 1
check "-j1 and -j3 write the same records" cmp -s "$work/out" "$work/j1.out"
check "-j1 and -j3 name the same failures in the same order" cmp -s "$work/err" "$work/j1.err"
check "-j1 output is not empty" test -s "$work/j1.out"
check "each broken line is named on stderr with its line" \
    is "$(grep -c "docs.jsonl:[0-9]*: .*(byte [0-9]*)" "$work/j1.err")" 12
check "the first broken line is line 8" grep -q "docs.jsonl:8: " "$work/j1.err"
run -j1 --quiet "$work/docs.jsonl" "$work/missing.jsonl" "$work/docs.jsonl"
cp "$work/err" "$work/j1.err"
run -j3 --quiet "$work/docs.jsonl" "$work/missing.jsonl" "$work/docs.jsonl"
check "a missing input between two: exits 2" is "$rc" 2
check "a missing input is named in its place in the input order at -j3" \
    cmp -s "$work/err" "$work/j1.err"
check "a missing input is named after the failures of the input before it" \
    is "$(grep -n missing.jsonl "$work/err" | cut -d: -f1)" 13
run -j2 --quiet "$work/good.jsonl"
check "all good exits 0" is "$rc" 0
check "all good with --quiet: stderr empty" test ! -s "$work/err"
run -j 0 --quiet "$work/good.jsonl"
check "-j 0 (one per core) exits 0" is "$rc" 0

# ---- compressed output ---------------------------------------------------------
run -j2 --quiet -o "$work/plain.jsonl" "$work/good.jsonl"
check "-o plain exits 0" is "$rc" 0
run -j2 --quiet -o "$work/z.jsonl.zst" "$work/good.jsonl"
check "-o .zst exits 0" is "$rc" 0
check ".zst output decompresses to the plain output" \
    bash -c 'zstd -dcq "$1" | cmp -s - "$2"' _ "$work/z.jsonl.zst" "$work/plain.jsonl"
run -j2 --quiet -o "$work/z.jsonl.gz" "$work/good.jsonl"
check "-o .gz exits 0" is "$rc" 0
check ".gz output decompresses to the plain output" \
    bash -c 'gzip -dc "$1" | cmp -s - "$2"' _ "$work/z.jsonl.gz" "$work/plain.jsonl"
check ".gz output is smaller" \
    test "$(stat -c %s "$work/z.jsonl.gz")" -lt "$(stat -c %s "$work/plain.jsonl")"

# ---- statistics ---------------------------------------------------------------
run -j2 --stats "$work/stats.json" "$work/docs.jsonl" "$work/good.jsonl"
check "--stats run exits 1 (broken lines)" is "$rc" 1
cat >"$work/stats.py" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
want = dict(a.split('=') for a in sys.argv[2:])
problems = []
if s['documents_read'] != (s['documents_processed'] + s['documents_failed']
                           + s['documents_skipped']):
    problems.append('read != processed + failed + skipped')
if sum(s['failed_by'].values()) != s['documents_failed']:
    problems.append('failed_by does not add up')
if sum(s['skipped_by'].values()) != s['documents_skipped']:
    problems.append('skipped_by does not add up')
if s['quotations'] != s['quotations_direct'] + s['quotations_indirect']:
    problems.append('quotations != direct + indirect')
for k, v in want.items():
    got = s
    for part in k.split('.'):
        got = got[part]
    if str(got) != v:
        problems.append(f'{k} = {got}, want {v}')
for p in problems:
    print('  ' + p)
sys.exit(1 if problems else 0)
EOF
size=$(( $(stat -c %s "$work/docs.jsonl") + $(stat -c %s "$work/good.jsonl") ))
check "--stats JSON parses and adds up" \
    "$py" "$work/stats.py" "$work/stats.json" documents_read=1200 \
    documents_failed=12 failed_by.json=12 documents_processed=1188 \
    bytes_in=$size bytes_total=$size exit_status=1
check "--stats counts the output bytes" \
    "$py" "$work/stats.py" "$work/stats.json" bytes_out="$(stat -c %s "$work/out")"
check "the summary line is on stderr" \
    grep -Eq "^whosaid: 1200 documents: 1188 processed, 12 failed \(json 12\), 0 skipped; [0-9]+ quotations" "$work/err"
check "no progress line when stderr is not a terminal" \
    bash -c '! grep -q "MB/s" "$1" && ! grep -q $'"'"'\r'"'"' "$1"' _ "$work/err"

# ---- exit codes ---------------------------------------------------------------
run --quiet "$work/good.jsonl" "$work/no-such-file.jsonl"
check "a missing input exits 2" is "$rc" 2
check "a missing input is named" grep -q "no-such-file.jsonl: cannot open" "$work/err"
check "the other inputs are still read" test -s "$work/out"
run --quiet -o "$work/no/such/dir/out.jsonl" "$work/good.jsonl"
check "an output that cannot be made exits 2" is "$rc" 2
check "an output that cannot be made is named" grep -q "out.jsonl: cannot create" "$work/err"
run --stats "$work/no/such/dir/stats.json" "$work/good.jsonl"
check "a --stats file that cannot be made exits 2" is "$rc" 2
run -j x "$work/good.jsonl"
check "-j x exits 2" is "$rc" 2
run --text-only --emit-text "$work/good.jsonl"
check "--text-only with --emit-text exits 2" is "$rc" 2
run --in warc "$work/good.jsonl"
check "--in warc on JSONL does not exit 0" test "$rc" -ne 0
run --in html --quiet "$work/good.jsonl"
check "--in html exits 0 or 1, never 2" test "$rc" -le 1

# ---- text outputs ---------------------------------------------------------------
printf '{"id":"a","text":"One.\\n\\nTwo."}\n{"id":"b","text":"Three."}\n' >"$work/t.jsonl"
run --quiet --text-only "$work/t.jsonl"
check "--text-only exits 0" is "$rc" 0
check "--text-only: paragraphs a line, a blank line between documents" \
    is "$(cat "$work/out"; echo .)" "$(printf 'One.\nTwo.\n\nThree.\n.')"
run --quiet --emit-text "$work/t.jsonl"
check "--emit-text exits 0" is "$rc" 0
check "--emit-text: one JSON object per document with its text" \
    "$py" -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["doc"] for r in rows] == ["a", "b"], rows
assert rows[0]["text"] == "One.\n\nTwo." and rows[0]["title"] is None, rows
' "$work/out"

# ---- format by content -----------------------------------------------------------
cp "$work/t.jsonl" "$work/t-no-extension"
"$whosaid" --quiet --emit-text <"$work/t-no-extension" >"$work/out" 2>"$work/err"
check "JSONL on standard input is recognised" grep -q '"doc":"a"' "$work/out"

# ---- an HTML page: records count in its article text, with its url -------------
cat >"$work/page.html" <<'HTML'
<!doctype html><html><head><title>Minister resigns | Example</title>
<link rel="canonical" href="https://example.com/minister">
<meta property="article:published_time" content="2025-03-01T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News "quoted" menu</a></nav>
<article><h1>Minister resigns</h1><p>"I have done what I could," the minister
told reporters on Tuesday, after weeks of pressure from her party.</p></article>
<footer>"Copyright," said nobody, of course, all rights reserved.</footer></body></html>
HTML
run --quiet "$work/page.html"
check "an HTML page: exit 0" is "$rc" 0
check "an HTML page: one record, from the article only" is "$(wc -l <"$work/out")" 1
check "an HTML page: the record carries the page's canonical url and date" \
    /usr/bin/python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); assert r["url"]=="https://example.com/minister" and r["date"]=="2025-03-01T10:00:00Z" and r["quote"]=="I have done what I could,", r' "$work/out"
run --quiet --emit-text "$work/page.html"
check "an HTML page: the record's offsets count in the --emit-text text" \
    /usr/bin/python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); t=d["text"].encode(); assert t[1:26]==b"I have done what I could,", t' "$work/out"

# ---- -o FILE: written under a temporary name, renamed once complete -------------
# interrupt SIGNAL OUT: a real run over a large input (the 600 documents
# repeated, 16 MB) into OUT, sent SIGNAL once its temporary OUT.tmp.PID is
# there (the output is open and the reading has begun; the reading alone
# takes longer than the look); prints the exit status, then what stderr
# said. The signal is set to its default action in the child
# first, as a script's background job would have it ignored.
for k in $(seq 1 200); do cat "$work/good.jsonl"; done >"$work/large.jsonl"
cat >"$work/interrupt.py" <<'EOF2'
import glob, signal, subprocess, sys, time
whosaid, sig, inp, out = sys.argv[1], getattr(signal, sys.argv[2]), sys.argv[3], sys.argv[4]
def default_signals():
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
p = subprocess.Popen([whosaid, '--quiet', '-j2', inp, '-o', out], stderr=subprocess.PIPE,
                     preexec_fn=default_signals)
deadline = time.monotonic() + 60  # only stops a hang; no result depends on it
while time.monotonic() < deadline and p.poll() is None:
    if glob.glob(glob.escape(out) + '.tmp.*'):
        break
    time.sleep(0.005)
p.send_signal(sig)
err = p.stderr.read().decode()
print(p.wait())
print(err, end='')
EOF2
interrupt() { "$py" "$work/interrupt.py" "$whosaid" "$1" "$work/large.jsonl" "$2" >"$work/int"; }
nothing_left() { # OUT: neither OUT nor a temporary of it
    local left
    left=$(ls "$1" "$1".tmp.* 2>/dev/null)
    [ -z "$left" ] || { echo "  left: $left"; return 1; }
}
for out in big.jsonl big.jsonl.gz big.jsonl.zst; do
    interrupt SIGINT "$work/$out"
    check "SIGINT during -o $out: exit 130" is "$(head -n 1 "$work/int")" 130
    check "SIGINT during -o $out: one line says so" \
        is "$(tail -n +2 "$work/int")" "whosaid: interrupted by SIGINT: $work/$out was not written"
    check "SIGINT during -o $out: neither $out nor a temporary is left" nothing_left "$work/$out"
done
interrupt SIGTERM "$work/big.jsonl"
check "SIGTERM during -o FILE: exit 143" is "$(head -n 1 "$work/int")" 143
check "SIGTERM during -o FILE: nothing is left" nothing_left "$work/big.jsonl"
echo "the output of an earlier run" >"$work/kept.jsonl"
interrupt SIGINT "$work/kept.jsonl"
check "SIGINT during -o FILE that existed: exit 130" is "$(head -n 1 "$work/int")" 130
check "SIGINT during -o FILE that existed: FILE is as it was" \
    is "$(cat "$work/kept.jsonl")" "the output of an earlier run"
check "SIGINT during -o FILE that existed: no temporary is left" \
    bash -c '! ls "$1".tmp.* 2>/dev/null' _ "$work/kept.jsonl"
for out in done.jsonl done.jsonl.gz done.jsonl.zst; do
    run --quiet -o "$work/$out" "$work/good.jsonl"
    check "-o $out: exit 0, no temporary left" \
        bash -c '[ "$1" -eq 0 ] && [ -s "$2" ] && ! ls "$2".tmp.* 2>/dev/null' _ "$rc" "$work/$out"
done
check "-o .gz and .zst hold what plain -o holds" \
    bash -c 'zcat "$1.gz" | cmp -s - "$1" && zstd -qdc "$1.zst" | cmp -s - "$1"' _ "$work/done.jsonl"
chmod 600 "$work/done.jsonl"
run --quiet -o "$work/done.jsonl" "$work/good.jsonl"
check "-o FILE that exists keeps its permissions" is "$(stat -c %a "$work/done.jsonl")" 600
ln -s done.jsonl "$work/link.jsonl"
run --quiet --emit-text -o "$work/link.jsonl" "$work/t.jsonl"
check "-o LINK writes the file the link points to, and keeps the link" \
    bash -c '[ -L "$1/link.jsonl" ] && grep -q "\"doc\":\"a\"" "$1/done.jsonl"' _ "$work"
run --quiet -o /dev/null "$work/good.jsonl"
check "-o /dev/null: exit 0, /dev/null still a device" \
    bash -c '[ "$1" -eq 0 ] && [ -c /dev/null ]' _ "$rc"
rm -f "$work/large.jsonl"

# ---- help and man page ---------------------------------------------------------
run --help
cp "$work/out" "$work/help"
options=$(grep -Eo '^  (--?[a-z][a-z-]*)' "$work/help" | tr -d ' ' | sort -u)
check "--help lists options" test "$(wc -w <<<"$options")" -ge 10
MANWIDTH=100 man -l "$man_page" >"$work/man" 2>"$work/err"
check "the man page renders" test -s "$work/man"
for opt in $options; do
    check "the man page lists $opt" grep -q -- "^ *$opt\\b" "$work/man"
done
check "the man page gives the exit codes" \
    bash -c 'grep -q "EXIT STATUS" "$1" && grep -Eq "^ +2 +A +usage +error" "$1"' _ "$work/man"

suite_end
