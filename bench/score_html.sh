#!/usr/bin/env bash
# HTML article extraction, scored by the referee (../shared/bench/score_text.py,
# the scrapinghub benchmark's metric) through the CLI's --text-only.
#
#   bench/score_html.sh [SHARED]      (default ../shared)
#
# scrapinghub (181 pages with human truth) is scored whole and in two
# halves fixed by page id: ids starting 0-7 are the half the extractor was
# developed on ("dev"), 8-f the half held out ("held-out"). readability's
# pages (Readability.js's own output as truth) are scored by kind, news
# and web; its fixtures are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
score=$shared/bench/score_text.py
pages=$shared/corpus/html
system='build/whosaid --text-only --quiet'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -E '"id": *"[0-7]' "$pages/scrapinghub/truth.jsonl" >"$tmp/dev.jsonl"
grep -E '"id": *"[89a-f]' "$pages/scrapinghub/truth.jsonl" >"$tmp/held-out.jsonl"

for set in "$pages/scrapinghub/truth.jsonl" "$tmp/dev.jsonl" "$tmp/held-out.jsonl"; do
    echo "== scrapinghub $(basename "$set")"
    python3 "$score" "$set" --html-dir "$pages/scrapinghub" --system "$system" --jobs 2 | sed -n 2p
done
for kind in news web; do
    echo "== readability $kind"
    python3 "$score" "$pages/readability/truth.jsonl" --kind "$kind" --system "$system" --jobs 2 | sed -n 2p
done
