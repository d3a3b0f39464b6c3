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

# ---- --format html: title, legend, paragraphs, colours ---------------------------
# The seed as an article page (a <title>, a paragraph per <p>), and as a
# JSONL line with a "title" field.
"$py" - "$seed" "$work/seed-page.html" "$work/titled.jsonl" <<'EOF'
import html, json, sys
paras = [p for p in open(sys.argv[1], encoding='utf-8').read().split('\n\n') if p.strip()]
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write('<!DOCTYPE html><html><head><title>Hegseth rebukes Europe &amp; allies'
            '</title></head><body><article>')
    f.writelines('<p>%s</p>\n' % html.escape(p) for p in paras)
    f.write('</article></body></html>')
with open(sys.argv[3], 'w', encoding='utf-8') as f:
    f.write(json.dumps({'id': 'seed-1', 'title': 'Hegseth <rebukes> "Europe"',
                        'text': '\n\n'.join(paras)}) + '\n')
EOF
# view.py PAGE DOCS TITLE: the header shows TITLE (and the doc name); a
# legend tells direct (background) from indirect (underline); the text is
# the document's (DOCS: its --emit-text line), a paragraph spacer after
# each single newline; the panel's hues are evenly spaced (360/N apart for
# N speakers) and every record is in its speaker's colour.
cat >"$work/view.py" <<'EOF'
import json, re, sys
from html.parser import HTMLParser
page = open(sys.argv[1], encoding='utf-8').read()
doc = json.loads(open(sys.argv[2], encoding='utf-8').readline())
want_title = sys.argv[3]
def has_class(a, name):
    return name in (a.get('class') or '').split()
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.h1, self.title, self.legend, self.doc = [], '', '', '', ''
        self.text, self.spacers, self.after_newline = '', 0, 0
        self.panel, self.records = {}, []
    def inside(self, pred):
        return any(pred(t, a) for t, a in self.stack)
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        in_text = self.inside(lambda t, b: b.get('id') == 'text')
        if in_text and has_class(a, 'pb'):
            self.spacers += 1
            self.after_newline += self.text.endswith('\n')
        if tag == 'li' and 'data-speaker' in a:
            self.panel[a['data-speaker']] = a.get('style', '')
        if in_text and has_class(a, 'q') and a.get('data-speaker'):
            self.records.append((a['data-speaker'], a.get('style', '')))
        self.stack.append((tag, a))
    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass
    def handle_data(self, d):
        if self.inside(lambda t, a: a.get('id') == 'text'):
            self.text += d
        if self.inside(lambda t, a: t == 'h1'):
            self.h1 += d
        if self.inside(lambda t, a: t == 'title'):
            self.title += d
        if self.inside(lambda t, a: has_class(a, 'legend')):
            self.legend += d
        if self.inside(lambda t, a: has_class(a, 'doc')):
            self.doc += d
p = P()
p.feed(page)
problems = []
if p.h1 != want_title or p.title != 'whosaid: ' + want_title:
    problems.append(f'header {p.h1!r}, <title> {p.title!r}; want {want_title!r}')
if p.doc != doc['doc']:
    problems.append(f'doc name {p.doc!r}, want {doc["doc"]!r}')
if not re.search(r'direct.*background.*indirect.*underline', p.legend):
    problems.append(f'legend {p.legend!r}')
if p.text != doc['text']:
    problems.append("the page does not read the document's text")
singles = len(re.findall(r'(?<!\n)\n(?!\n)', doc['text']))
if p.spacers != singles or p.after_newline != singles:
    problems.append(f'{p.spacers} paragraph spacers ({p.after_newline} after a newline), '
                    f'want {singles}')
def hue(style):
    return int(re.search(r'--c:hsl\((\d+),', style).group(1))
hues = sorted(hue(st) for st in p.panel.values())
n = len(hues)
gaps = [(hues[(k + 1) % n] - hues[k]) % 360 for k in range(n)] if n > 1 else []
if n < 2 or min(gaps) < 360 // n - 1:
    problems.append(f'panel hues {hues}: gaps {gaps}, want {360 // max(n, 1)} or more')
for speaker, style in p.records:
    if speaker in p.panel and hue(style) != hue(p.panel[speaker]):
        problems.append(f'a record of {speaker} is not in its colour')
for x in problems:
    print('  ' + x)
sys.exit(1 if problems else 0)
EOF
run --quiet --format html "$work/seed-page.html"
check "--format html, an HTML page: exit 0" is "$rc" 0
cp "$work/out" "$work/seed-page.view"
run --quiet --emit-text "$work/seed-page.html"
cp "$work/out" "$work/seed-page.docs"
check "--format html, an HTML page: its <title> in the header, a legend, its paragraphs spaced, colours apart" \
    "$py" "$work/view.py" "$work/seed-page.view" "$work/seed-page.docs" "Hegseth rebukes Europe & allies"
"$whosaid" --quiet "$work/seed-page.html" >"$work/seed-page.records" 2>"$work/err"
check "--format html, an HTML page: every record on the page" \
    "$py" "$work/page.py" "$work/seed-page.view" "$work/seed-page.records"
run --quiet --format html "$work/titled.jsonl"
cp "$work/out" "$work/titled.view"
run --quiet --emit-text "$work/titled.jsonl"
check "--emit-text gives a JSONL line's title" \
    "$py" -c 'import json,sys; assert json.loads(open(sys.argv[1]).readline())["title"] == "Hegseth <rebukes> \"Europe\""' "$work/out"
check "--format html, JSONL with a title: the title in the header, a legend, colours apart" \
    "$py" "$work/view.py" "$work/titled.view" "$work/out" 'Hegseth <rebukes> "Europe"'

# ---- usage ---------------------------------------------------------------------
run --speakers --format html "$seed"
check "--speakers with --format html exits 2" is "$rc" 2
run --format xml "$seed"
check "--format xml exits 2" is "$rc" 2
run --text-only --speakers "$seed"
check "--text-only with --speakers exits 2" is "$rc" 2

suite_end
