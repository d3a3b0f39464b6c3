#!/usr/bin/env bash
# The CLI's speaker and HTML outputs: --speakers (JSON lines per speaker)
# and --format html (a page per document, to a file, standard output or a
# directory), checked against the records of an ordinary run, and the same
# for any number of threads.
#
#   tests/cli_view.sh WHOSAID
#
# Prints "N passed, N failed"; exit 1 if anything failed.
set -u
. "$(dirname "$0")/lib.sh"

suite_start cli_view WHOSAID 1 1 "$@"
whosaid=$1
seed=$here/../examples/seed.txt

# ---- inputs ----------------------------------------------------------------
# The seed's records, and 40 documents: the seed's text under ids that
# need escaping in a file name, and short ones with a speaker each.
run --quiet "$seed"
cp "$work/out" "$work/seed.jsonl"
check "the seed has records" test -s "$work/seed.jsonl"
"$py" - "$seed" "$work/docs.jsonl" <<'EOF'
import json, sys
seed = open(sys.argv[1], encoding='utf-8').read()
with open(sys.argv[2], 'w') as f:
    for k in range(40):
        text = seed if k % 4 == 0 else (
            f'"We will win round {k}," Senator Ann Lee said. '
            f'The mayor told reporters that the vote {k} was fair.')
        f.write(json.dumps({'id': f'doc {k}/x', 'text': text}) + '\n')
EOF

# ---- --speakers ---------------------------------------------------------------
run --quiet --speakers "$seed"
check "--speakers exits 0" is "$rc" 0
check "--speakers on the seed: five speakers, genders, counts that match the records" \
    "$py" - "$work/out" "$work/seed.jsonl" <<'EOF'
import json, sys
speakers = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
records = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
names = [s['speaker'] for s in speakers]
problems = []
want = ['Pete Hegseth', 'Donald Trump', 'John Healey', 'Boris Pistorius', 'Dovile Sakaliene']
if sorted(names) != sorted(want):
    problems.append(f'speakers {names}')
gender = {s['speaker']: s['gender'] for s in speakers}
if gender.get('Pete Hegseth') != 'male' or gender.get('Dovile Sakaliene') != 'female':
    problems.append(f'genders {gender}')
total = sum(s['quotes']['total'] for s in speakers)
if total != len(records) or total == 0:
    problems.append(f'{total} quotations over the speakers, {len(records)} records')
for s in speakers:
    for k in s['quotes']['records']:
        if records[k]['speaker'] != s['speaker']:
            problems.append(f'record {k} is not {s["speaker"]}\'s')
if any(s['doc'] != records[0]['doc'] for s in speakers):
    problems.append('doc differs from the records\'')
for p in problems:
    print('  ' + p)
sys.exit(1 if problems else 0)
EOF

run --quiet --speakers -j1 "$work/docs.jsonl"
check "--speakers -j1 over 40 documents exits 0" is "$rc" 0
cp "$work/out" "$work/speakers-j1"
run --quiet --speakers -j3 "$work/docs.jsonl"
check "--speakers -j3 over 40 documents exits 0" is "$rc" 0
check "--speakers: -j1 and -j3 write the same bytes" cmp -s "$work/out" "$work/speakers-j1"
check "--speakers: the documents in input order" \
    "$py" -c '
import json, sys
docs = [json.loads(l)["doc"] for l in open(sys.argv[1])]
order = [int(d.split()[1].split("/")[0]) for d in docs]
assert len(set(order)) == 40 and order == sorted(order), order
' "$work/speakers-j1"

# ---- --format html: one page ---------------------------------------------------
# check_page PAGE RECORDS: an element with data-start for every record, at
# its offsets; the speaker panel; nothing fetched from the network.
cat >"$work/page.py" <<'EOF'
import json, re, sys
from html.parser import HTMLParser
page = open(sys.argv[1], encoding='utf-8').read()
records = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.spans, self.panel, self.fetch = {}, [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ('src', 'href'):
            if re.match(r'\s*(https?:)?//', a.get(k) or '', re.I):
                self.fetch.append(f'{tag} {k}={a[k]}')
        if 'data-start' in a:
            self.spans.setdefault(a['data-record'], (int(a['data-start']), int(a['data-end'])))
        if tag == 'li' and 'data-speaker' in a:
            self.panel.append(a['data-speaker'])
p = P()
p.feed(page)
problems = []
want = {str(k): (r['start'], r['end']) for k, r in enumerate(records)}
if not want or p.spans != want:
    problems.append(f'{len(p.spans)} records on the page, want {len(want)}')
if re.search(r'url\(\s*["\']?(https?:)?//|@import', page, re.I):
    problems.append('the CSS fetches')
problems += [f'fetches: {f}' for f in p.fetch]
speakers = {r['speaker'] for r in records if r['speaker']}
if set(p.panel) != speakers:
    problems.append(f'panel {p.panel}, want {sorted(speakers)}')
for x in problems:
    print('  ' + x)
sys.exit(1 if problems else 0)
EOF
run --quiet --format html "$seed"
check "--format html to standard output exits 0" is "$rc" 0
check "--format html: the seed's page has every record, its speakers, no network" \
    "$py" "$work/page.py" "$work/out" "$work/seed.jsonl"
cp "$work/out" "$work/seed-stdout.html"
run --quiet --format=html -o "$work/seed.html" "$seed"
check "--format html -o FILE exits 0" is "$rc" 0
check "-o FILE holds the page standard output gets" \
    cmp -s "$work/seed.html" "$work/seed-stdout.html"
# The check can fail: a page that misses a record's element is caught.
sed '0,/data-start="/s//data-begin="/' "$work/seed.html" >"$work/broken.html"
check "a page that lost a record fails the check" \
    bash -c '"$1" "$2" "$3" "$4" >/dev/null; [ $? -eq 1 ]' _ "$py" "$work/page.py" "$work/broken.html" "$work/seed.jsonl"

# ---- --format html: a page per document ----------------------------------------
run --quiet --format html -j1 -o "$work/pages1/" "$work/docs.jsonl"
check "--format html -o DIR/ exits 0" is "$rc" 0
check "-o DIR/ holds one page per document" is "$(ls "$work/pages1" | wc -l)" 40
check "pages are named NNNNNN-DOC.html, the name made safe" \
    test -f "$work/pages1/000001-doc_0_x.html" -a -f "$work/pages1/000040-doc_39_x.html"
mkdir "$work/pages3"
run --quiet --format html -j3 -o "$work/pages3" "$work/docs.jsonl"
check "--format html -o DIR (an existing directory) exits 0" is "$rc" 0
check "pages: -j1 and -j3 write the same files" diff -r "$work/pages1" "$work/pages3"
check "a page in the directory is the document's own" \
    cmp -s "$work/pages1/000001-doc_0_x.html" \
    <(sed 's|>\(whosaid: \)\{0,1\}[^<]*seed\.txt<|>\1doc 0/x<|g' "$work/seed.html")

run --quiet --format html "$work/docs.jsonl"
check "--format html, several documents to standard output: exit 2" is "$rc" 2
check "... and says why" grep -q "need an output directory" "$work/err"
run --quiet --format html -o "$work/one.html" "$work/docs.jsonl"
check "--format html, several documents to -o FILE: exit 2" is "$rc" 2
check "... and -o FILE is not made" bash -c '! ls "$1"* 2>/dev/null' _ "$work/one.html"
check "--format html, several documents to standard output: nothing written" \
    bash -c '"$1" --quiet --format html "$2" | cmp -s - /dev/null' _ "$whosaid" "$work/docs.jsonl"
# A usage error found while reading (a second page for one file) creates
# nothing and claims nothing: no file under the name or a temporary of
# it, no --stats file, no summary; one line says why and what to do.
run --format html -o "$work/out-pages" --stats "$work/out-pages.stats" "$work/docs.jsonl"
check "--format html -o DIR without /, several documents: exit 2" is "$rc" 2
check "... nothing is made under the name" bash -c '! ls "$1"* 2>/dev/null' _ "$work/out-pages"
check "... no summary, one line saying why" \
    is "$(cat "$work/err")" 'whosaid: HTML pages of several documents need an output directory (a name that ends in "/" or is one)'
run --format html -o "$work/one.html" "$seed" "$seed"
check "--format html, one page then a second file: exit 2 and no file" \
    bash -c '[ "$1" -eq 2 ] && ! ls "$2"* 2>/dev/null' _ "$rc" "$work/one.html"

# ---- usage ---------------------------------------------------------------------
run --speakers --format html "$seed"
check "--speakers with --format html exits 2" is "$rc" 2
run --format xml "$seed"
check "--format xml exits 2" is "$rc" 2
run --text-only --speakers "$seed"
check "--text-only with --speakers exits 2" is "$rc" 2

suite_end
