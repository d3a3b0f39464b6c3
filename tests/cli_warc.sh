#!/usr/bin/env bash
# WARC archives through the CLI end to end (issue #4): every record is
# accounted for, every provenance field is right, a damaged record fails
# alone.
#
#   tests/cli_warc.sh WHOSAID MAKE_WARC_FIXTURES
#
# MAKE_WARC_FIXTURES writes the fixtures (tests/warc_fixture.h: several
# records, warcinfo/request/metadata records, non-HTML and non-2xx
# responses, a charset other than UTF-8, a truncated last member, lying
# Content-Lengths, a corrupt member) and prints, per file, one letter per
# record: O a document, S skipped, E an error. The CLI's --stats must
# agree letter for letter in count; every record written must carry url,
# date, warc_record_id, warc_filename and a byte range that, read from the
# file and inflated, is that very WARC record. Prints "N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"

suite_start cli_warc "WHOSAID MAKE_WARC_FIXTURES" 2 2 "$@"
whosaid=$1
fixtures_tool=$2

# check STATUS WHAT: this suite's own check, on an exit status ($? of the
# test just run), not on a command.
check() {
    if [ "$1" -eq 0 ]; then ok; else failed "$2"; fi
}

mkdir -p "$work/fx"
"$fixtures_tool" "$work/fx" >"$work/expected" 2>&1
check $? "make_warc_fixtures runs"

while read -r name _bytes _unit letters _rest; do
    file=$work/fx/$name
    [ -f "$file" ] || continue
    ok=$(printf '%s' "$letters" | tr -cd O | wc -c)
    skipped=$(printf '%s' "$letters" | tr -cd S | wc -c)
    errors=$(printf '%s' "$letters" | tr -cd E | wc -c)
    want_rc=0
    [ "$errors" -gt 0 ] && want_rc=1
    for j in 1 3; do
        "$whosaid" -j "$j" --quiet --stats "$work/stats-$j.json" "$file" \
            >"$work/out-$j.jsonl" 2>"$work/err-$j"
        rc=$?
        [ "$rc" -eq "$want_rc" ]
        check $? "$name -j$j: exit $rc, expected $want_rc"
    done
    cmp -s "$work/out-1.jsonl" "$work/out-3.jsonl"
    check $? "$name: -j1 and -j3 outputs differ"
    [ "$(wc -l <"$work/err-1")" -eq "$errors" ]
    check $? "$name: $errors failed record(s) should each be named on stderr"

    /usr/bin/python3 - "$work/stats-1.json" "$work/out-1.jsonl" "$file" \
        "$ok" "$skipped" "$errors" <<'PY'
import json, sys, zlib
stats_path, out_path, warc_path = sys.argv[1:4]
ok, skipped, errors = map(int, sys.argv[4:7])
s = json.load(open(stats_path))
problems = []
def want(what, got, expected):
    if got != expected:
        problems.append(f"{what}: {got}, expected {expected}")
want("documents_read", s["documents_read"], ok + skipped + errors)
want("documents_processed", s["documents_processed"], ok)
want("documents_skipped", s["documents_skipped"], skipped)
want("documents_failed", s["documents_failed"], errors)
want("read = processed + failed + skipped", s["documents_read"],
     s["documents_processed"] + s["documents_failed"] + s["documents_skipped"])
want("sum of failed_by", sum(s["failed_by"].values()), s["documents_failed"])
want("sum of skipped_by", sum(s["skipped_by"].values()), s["documents_skipped"])
data = open(warc_path, "rb").read()
def one_gzip_member(b):
    if b[:2] != b"\x1f\x8b":
        return False
    d = zlib.decompressobj(16 + 15)
    d.decompress(b)
    return d.eof and not d.unused_data
for n, line in enumerate(open(out_path, encoding="utf-8"), 1):
    r = json.loads(line)
    keys = ("url", "date", "warc_record_id", "warc_filename",
            "warc_record_offset", "warc_record_length")
    if one_gzip_member(data):
        # A WARC compressed whole: no record can be fetched alone by byte
        # range, so none is claimed; the record id is the doc.
        if any(k in r for k in ("warc_record_offset", "warc_record_length")):
            problems.append(f"record {n}: a byte range in a one-member file")
        if not (r.get("url") and r.get("date") and r.get("doc")):
            problems.append(f"record {n}: no url, date or record id")
        continue
    for key in keys:
        if key not in r:
            problems.append(f"record {n}: no {key}")
    if problems:
        break
    want(f"record {n} warc_filename", r["warc_filename"], warc_path)
    want(f"record {n} doc", r["doc"], r["warc_record_id"])
    off, length = r["warc_record_offset"], r["warc_record_length"]
    stored = data[off:off + length]
    record = zlib.decompress(stored, 16 + 15) if stored[:2] == b"\x1f\x8b" else stored
    head = record.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    if not head.startswith("WARC/1."):
        problems.append(f"record {n}: bytes {off}+{length} are not a WARC record")
    for field, key in (("WARC-Record-ID", "warc_record_id"),
                       ("WARC-Target-URI", "url"), ("WARC-Date", "date")):
        if f"{field}: {r[key]}" not in head:
            problems.append(f"record {n}: {field} {r[key]!r} not in its record's header")
if problems:
    print("\n".join(problems[:10]))
    sys.exit(1)
PY
    check $? "$name: statistics and provenance"
done <"$work/expected"

# The page whose charset only the HTTP header gives (ISO-8859-1) comes out
# as UTF-8 without a replacement character.
"$whosaid" --quiet --emit-text --stats "$work/s.json" "$work/fx/standard.warc.gz" \
    >"$work/docs.jsonl" 2>/dev/null
/usr/bin/python3 - "$work/docs.jsonl" "$work/s.json" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
stats = json.load(open(sys.argv[2]))
assert stats["replaced"] == 0, stats["replaced"]
assert len(docs) == stats["documents_processed"], (len(docs), stats)
assert all(d["url"] and d["text"] for d in docs), docs
assert not any("\ufffd" in d["text"] for d in docs)
assert any(any(ord(c) > 127 for c in d["text"]) for d in docs), "no non-ASCII text decoded"
PY
check $? "standard.warc.gz --emit-text: one document per page, charsets decoded"

suite_end
