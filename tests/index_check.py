#!/usr/bin/env python3
"""Check a whosaid index against the documents it came from.

    tests/index_check.py INDEX.jsonl DOCS.jsonl...

DOCS are the documents (JSONL with "id" and "text") the records were
extracted from. For every entry found in two documents or more, each
occurrence must lie in its document: the text at its byte offsets, with
case, punctuation and quotation marks set aside, is the entry's quotation,
or a run of six words or more of it (a prefix or suffix, or, merged
twice, both), or shares 80% of its word trigrams. Prints the figures; exit status 1 when an occurrence fails.
"""
import json
import re
import sys
import unicodedata


def normalise(s):
    s = re.sub(r"['\u2019\u02bc]", "", s)
    words, cur = [], []
    for ch in s:
        if unicodedata.category(ch)[0] in "LMN":
            cur.append(ch.lower())
        elif cur:
            words.append("".join(cur))
            cur = []
    if cur:
        words.append("".join(cur))
    return words


def trigrams(w):
    return {" ".join(w[i:i + 3]) for i in range(len(w) - 2)}


def same(occ, quotation):
    if occ == quotation:
        return True
    n = len(occ)
    if n >= 6 and any(quotation[i:i + n] == occ for i in range(len(quotation) - n + 1)):
        return True
    a, b = trigrams(occ), trigrams(quotation)
    return bool(a | b) and len(a & b) * 100 >= len(a | b) * 80


def main():
    index, docs = sys.argv[1], sys.argv[2:]
    texts = {}
    for path in docs:
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            texts[str(d["id"])] = d["text"].encode("utf-8")
    entries = repeated = checked = bad = 0
    for line in open(index, encoding="utf-8"):
        e = json.loads(line)
        entries += 1
        assert e["numOccurrences"] == len(e["occurrences"])
        ndocs = len({o["doc"] for o in e["occurrences"]})
        assert e["numDocuments"] == ndocs, e["quoteID"]
        if ndocs < 2:
            continue
        repeated += 1
        want = normalise(e["quotation"])
        for o in e["occurrences"]:
            checked += 1
            text = texts.get(o["doc"])
            got = normalise(text[o["start"]:o["end"]].decode("utf-8", "replace")) if text else None
            if got is None or not same(got, want):
                bad += 1
                print("FAIL %s: %s [%d, %d) does not read %r" % (e["quoteID"], o["doc"], o["start"], o["end"],
                                                                 e["quotation"][:80]))
    print("entries %d, in two documents or more %d, occurrences checked %d, failed %d"
          % (entries, repeated, checked, bad))
    return 1 if bad or repeated == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
