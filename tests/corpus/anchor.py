#!/usr/bin/env python3
"""Turn a hand annotation into a gold line of ../shared/corpus/FORMAT.md.

    anchor.py TEXT.json ANN.json            # the gold line on stdout
    anchor.py TEXT.json ANN.json --show     # every record in its context

TEXT.json: {"id", "source", "text"} (the article as whosaid --text-only
gives it). ANN.json: {"quotes": [...]}, each record written by hand as

    {"type": "direct" | "indirect",
     "quote": "the exact text of the span",
     "nth": 1,                 # which occurrence of that text (default 1)
     "speaker": "Jane Roe" | null,
     "cue": "said" | null,
     "borderline": true,       # optional: the scorer treats it as optional
     "note": "why"}            # optional, kept

The annotator never counts bytes: the span is found here by its text, and
every record is checked (the span occurs, nth exists, quote ==
text.encode()[start:end].decode()). Records come out sorted by start.
Exit 1, with a message naming the record, on any problem.
"""
import json
import sys


def fail(msg):
    sys.exit(f'anchor.py: {msg}')


def locate(body, quote, nth):
    needle = quote.encode('utf-8')
    if not needle:
        fail('empty quote')
    at = -1
    for _ in range(nth):
        at = body.find(needle, at + 1)
        if at < 0:
            return None
    return at, at + len(needle)


def anchor(doc, ann):
    body = doc['text'].encode('utf-8')
    out = []
    for n, q in enumerate(ann['quotes'], 1):
        where = f"record {n} ({q.get('quote', '')[:50]!r})"
        if q.get('type') not in ('direct', 'indirect'):
            fail(f'{where}: type must be direct or indirect')
        if 'speaker' not in q:
            fail(f'{where}: no speaker (write null when the text names none)')
        span = locate(body, q['quote'], int(q.get('nth', 1)))
        if span is None:
            fail(f"{where}: occurrence {q.get('nth', 1)} not found in the text")
        rec = {'type': q['type'], 'start': span[0], 'end': span[1],
               'quote': q['quote'], 'speaker': q['speaker'], 'cue': q.get('cue')}
        for k in ('borderline', 'note'):
            if q.get(k):
                rec[k] = q[k]
        if body[rec['start']:rec['end']].decode('utf-8') != rec['quote']:
            fail(f'{where}: offsets do not give the quote back')
        out.append(rec)
    out.sort(key=lambda r: (r['start'], r['type']))
    for t in ('direct', 'indirect'):
        spans = [r for r in out if r['type'] == t]
        for a, b in zip(spans, spans[1:]):
            if b['start'] < a['end']:
                fail(f"two {t} records overlap: {a['quote'][:40]!r} and {b['quote'][:40]!r}")
    return {'id': doc['id'], 'source': doc['source'], 'text': doc['text'], 'quotes': out}


def show(gold):
    body = gold['text'].encode('utf-8')
    for r in gold['quotes']:
        before = body[max(0, r['start'] - 60):r['start']].decode('utf-8', 'replace')
        after = body[r['end']:r['end'] + 60].decode('utf-8', 'replace')
        print(f"{r['type']:8} {r['speaker']!r} cue={r['cue']!r}"
              f"{' BORDERLINE' if r.get('borderline') else ''}")
        print(f"    ...{before}[[{r['quote']}]]{after}...".replace('\n', ' ¶ '))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    if len(args) != 2:
        fail('usage: anchor.py TEXT.json ANN.json [--show]')
    with open(args[0], encoding='utf-8') as f:
        doc = json.load(f)
    with open(args[1], encoding='utf-8') as f:
        ann = json.load(f)
    gold = anchor(doc, ann)
    if '--show' in sys.argv:
        show(gold)
    else:
        print(json.dumps(gold, ensure_ascii=False))


if __name__ == '__main__':
    main()
