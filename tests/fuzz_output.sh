#!/usr/bin/env bash
# Every line the CLI writes for the fuzz corpora is valid UTF-8 and one
# JSON object, whatever bytes the inputs hold (issue #6: "a test parses
# every line produced from the fuzz corpora").
#
#   tests/fuzz_output.sh WHOSAID
#
# Each file of fuzz/corpus/<harness>/ and fuzz/regressions/ goes through
# the CLI in the format its harness feeds (text, JSONL, HTML; the HTML
# harness's first byte picks a charset, so it is dropped here), for the
# records and for --emit-text. The CLI must exit 0 or 1 (a bad document
# is named and skipped), never 2 or a signal. Prints "N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"

suite_start fuzz_output WHOSAID 1 1 "$@"
whosaid=$1
corpus=$here/../fuzz/corpus

check_output() { # FILE WHAT
    if /usr/bin/python3 - "$1" <<'PY'; then
import json, sys
with open(sys.argv[1], 'rb') as f:
    for n, raw in enumerate(f, 1):
        line = raw.decode('utf-8')          # raises on invalid UTF-8
        if not line.endswith('\n'):
            sys.exit(f'line {n}: no final newline')
        obj = json.loads(line)
        if not isinstance(obj, dict):
            sys.exit(f'line {n}: not an object')
PY
        ok
    else
        failed "$2"
    fi
}

run_one() { # FORMAT FILE
    local format=$1 file=$2 name
    name="$format $(basename "$file")"
    for mode in records docs; do
        local args=(--in "$format" --quiet -j 1)
        [ "$mode" = docs ] && args+=(--emit-text)
        "$whosaid" "${args[@]}" "$file" >"$work/out" 2>"$work/err"
        local rc=$?
        if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
            failed "$name ($mode): exit $rc"
            head -c 500 "$work/err"
            continue
        fi
        check_output "$work/out" "$name ($mode)"
    done
}

shopt -s nullglob
for f in "$corpus"/fuzz_extract/* "$corpus"/fuzz_text/*; do
    run_one text "$f"
done
for f in "$corpus"/fuzz_jsonl/*; do
    run_one jsonl "$f"
done
for f in "$corpus"/fuzz_html/*; do
    tail -c +2 "$f" >"$work/page.html"
    run_one html "$work/page.html"
done
for f in "$corpus"/fuzz_warc/*; do
    run_one warc "$f"
done

suite_end
