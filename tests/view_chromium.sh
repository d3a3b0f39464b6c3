#!/usr/bin/env bash
# The seed's HTML page in a real browser (Debian's headless chromium):
# every highlighted span, read through the DOM, must be the record's
# quotation, and the text at its data-start/data-end (UTF-8 byte offsets)
# must be that too. A screenshot is kept as an artifact.
#
#   tests/view_chromium.sh BUILD_DIR
#
# BUILD_DIR holds whosaid, which writes the page (--format html) and the
# records the page is checked against. Artifacts go
# to build/artifacts/ (WS_ARTIFACTS overrides): seed.html, seed.jsonl,
# seed-check.html, seed-dom.html, seed.png.
#
# Without chromium the DOM checks are skipped with a message, except under
# CI=true, where a missing chromium is a failure. Prints "N passed, N
# failed" last.
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
build=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
art=${WS_ARTIFACTS:-$root/build/artifacts}
seed=$root/examples/seed.txt
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
summary() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

mkdir -p "$art"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$build/whosaid" --quiet --format html -o "$art/seed.html" "$seed" && ok || bad "whosaid --format html did not write the page"
"$build/whosaid" "$seed" >"$art/seed.jsonl" && ok || bad "whosaid did not write the records"
[ -s "$art/seed.html" ] && [ -s "$art/seed.jsonl" ] || summary

# Without a browser: the page holds an element for every record and
# fetches nothing.
if python3 - "$art/seed.html" "$art/seed.jsonl" <<'PY'
import json, sys
from html.parser import HTMLParser
page, records = sys.argv[1], sys.argv[2]
recs = [json.loads(l) for l in open(records, encoding="utf-8")]
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.spans, self.fetch = {}, []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "src" in a or "href" in a or tag in ("link", "img", "iframe", "object"):
            self.fetch.append(tag)
        if tag == "span" and "q" in (a.get("class") or "").split():
            self.spans.setdefault(a["data-record"], (int(a["data-start"]), int(a["data-end"]), a["data-type"]))
p = P()
p.feed(open(page, encoding="utf-8").read())
problems = []
if p.fetch:
    problems.append("elements that fetch: %s" % p.fetch)
want = {str(k): (r["start"], r["end"], r["type"]) for k, r in enumerate(recs)}
if p.spans != want:
    problems.append("page records %s, want %s" % (sorted(p.spans.items()), sorted(want.items())))
for x in problems:
    print(x)
sys.exit(1 if problems else 0)
PY
then ok; else bad "the page's structure (above)"; fi

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    if [ "${CI:-}" = true ]; then
        bad "chromium is not installed (CI=true: .ci/run installs it; this test must run)"
    else
        echo "SKIP: chromium is not installed (apt-get install chromium): the DOM checks did not run"
    fi
    summary
fi

# check_page PAGE OUT: PAGE with the checking script added before </body>.
check_page() {
    python3 - "$1" "$art/seed.jsonl" "$2" <<'PY'
import json, sys
page, records, out = sys.argv[1:4]
recs = [json.loads(l) for l in open(records, encoding="utf-8")]
data = json.dumps([{k: r[k] for k in ("start", "end", "type", "quote", "speaker")} for r in recs],
                  ensure_ascii=True).replace("</", "<\\/")
script = """<script>
(function () {
  var recs = %s;
  var t = document.getElementById('text');
  var bytes = new TextEncoder().encode(t.textContent), dec = new TextDecoder();
  var bad = [], byRec = {};
  t.querySelectorAll('.q').forEach(function (e) {
    var k = e.getAttribute('data-record');
    (byRec[k] = byRec[k] || []).push(e);
  });
  if (Object.keys(byRec).length !== recs.length)
    bad.push('elements for ' + Object.keys(byRec).length + ' records, want ' + recs.length);
  recs.forEach(function (r, k) {
    var parts = byRec[String(k)];
    if (!parts) { bad.push('record ' + k + ': no element'); return; }
    var e = parts[0], s = +e.getAttribute('data-start'), n = +e.getAttribute('data-end');
    if (s !== r.start || n !== r.end) bad.push('record ' + k + ': offsets ' + s + '-' + n);
    if (e.getAttribute('data-type') !== r.type) bad.push('record ' + k + ': type');
    if (e.getAttribute('data-speaker') !== (r.speaker === null ? '' : r.speaker))
      bad.push('record ' + k + ': speaker ' + e.getAttribute('data-speaker'));
    var shown = parts.map(function (p) { return p.textContent; }).join('');
    if (shown !== r.quote) bad.push('record ' + k + ': the element reads ' + JSON.stringify(shown));
    var slice = dec.decode(bytes.slice(s, n));
    if (slice !== shown) bad.push('record ' + k + ': the text at its offsets reads ' + JSON.stringify(slice));
  });
  document.body.setAttribute('data-verdict', bad.length ? 'FAIL' : 'PASS ' + recs.length);
  var v = document.createElement('pre');
  v.id = 'verdict';
  v.textContent = bad.length ? bad.join('\\n') : 'PASS';
  document.body.appendChild(v);
})();
</script>
""" % data
html = open(page, encoding="utf-8").read()
assert html.count("</body>") == 1
open(out, "w", encoding="utf-8").write(html.replace("</body>", script + "</body>"))
PY
}

# render PAGE DOM_OUT: the DOM after the page's scripts ran.
render() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --user-data-dir="$scratch/profile" --dump-dom "file://$1" >"$2" 2>"$scratch/chromium.log"
}

nrec=$(wc -l <"$art/seed.jsonl")
check_page "$art/seed.html" "$art/seed-check.html" && ok || bad "could not add the check to the page"
if render "$art/seed-check.html" "$art/seed-dom.html"; then ok; else
    bad "chromium failed:"; tail -n 5 "$scratch/chromium.log"; fi
if grep -q "data-verdict=\"PASS $nrec\"" "$art/seed-dom.html"; then
    ok
else
    bad "the DOM check failed for the seed page:"
    sed -n '/<pre id="verdict">/,/<\/pre>/p' "$art/seed-dom.html" | head -n 20
fi

# The check can fail: a page whose first span has a wrong start is caught.
sed '0,/data-start="/s//data-start="9/' "$art/seed.html" >"$scratch/broken.html"
check_page "$scratch/broken.html" "$scratch/broken-check.html" && render "$scratch/broken-check.html" "$scratch/broken-dom.html"
if grep -q 'data-verdict="FAIL"' "$scratch/broken-dom.html" 2>/dev/null; then ok; else
    bad "a page with a wrong span passed the DOM check"; fi

if timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --user-data-dir="$scratch/profile" --hide-scrollbars --window-size=1280,1600 \
        --screenshot="$art/seed.png" "file://$art/seed.html" >"$scratch/shot.log" 2>&1 &&
        [ -s "$art/seed.png" ]; then
    ok
    echo "screenshot: $art/seed.png"
else
    bad "no screenshot"
fi
summary
