#!/usr/bin/env bash
# The quotation index over every PolNeAR document: records from whosaid,
# the index (whosaid index, under /usr/bin/time -v for its peak RSS and
# time), then tests/index_check.py checks that every occurrence of every
# quotation found in two documents or more lies in its document. Prints
# the figures; the files stay in build/index-polnear/.
#
#   bench/index_polnear.sh [SHARED_DIR]     (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=build/index-polnear
mkdir -p "$out"
docs=("$shared"/corpus/polnear/{train,dev,test}.jsonl)
for f in "${docs[@]}"; do build/whosaid --in jsonl "$f"; done >"$out/records.jsonl"
echo "records: $(wc -l <"$out/records.jsonl")"
/usr/bin/time -v build/whosaid index --memory "${MEMORY_MIB:-256}" --html "$out/corpus.html" --merged "$out/merged.jsonl" \
    -o "$out/index.jsonl" "$out/records.jsonl" 2>"$out/time.txt"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$out/time.txt"
python3 tests/index_check.py "$out/index.jsonl" "${docs[@]}"
