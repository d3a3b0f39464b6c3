#!/usr/bin/env python3
"""Check the project's own gold files and the tools that make them.

    check_gold.py            # every tests/corpus/*.jsonl, and the tools

For each gold line (FORMAT.md): the record's quote is exactly
text.encode()[start:end], types are "direct" or "indirect", records of a
type do not overlap, and every speaker is a string or null. The variant
tools (variants.py british / wrapped) must keep every record on its own
text, and anchor.py must reproduce each line of news-dev.jsonl from its
own records. Prints one line per failure and ends "N passed, N failed".
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f'FAIL {what}')
    return ok


def check_doc(d, where):
    body = d['text'].encode()
    last = {}
    for q in d['quotes']:
        name = f'{where} {d["id"]} [{q["start"]}, {q["end"]})'
        check(q['type'] in ('direct', 'indirect'), f'{name}: type {q["type"]!r}')
        check(0 <= q['start'] < q['end'] <= len(body), f'{name}: span off the text')
        check(body[q['start']:q['end']].decode('utf-8', 'replace') == q['quote'],
              f'{name}: quote is not text[start:end]')
        check(q.get('speaker') is None or isinstance(q['speaker'], str), f'{name}: speaker')
        end = last.get(q['type'], 0)
        check(q['start'] >= end, f'{name}: overlaps the {q["type"]} record before it')
        last[q['type']] = max(end, q['end'])


def load(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    golds = sorted(f for f in os.listdir(HERE) if f.endswith('.jsonl'))
    for g in golds:
        for d in load(os.path.join(HERE, g)):
            check_doc(d, g)
    # the variants keep every record on its own text
    for g in golds[:1]:
        for kind in ('british', 'wrapped'):
            out = subprocess.run([sys.executable, os.path.join(HERE, 'variants.py'), kind,
                                  os.path.join(HERE, g)], capture_output=True, text=True)
            if check(out.returncode == 0, f'variants.py {kind} {g}: exit {out.returncode}'):
                for line in out.stdout.splitlines():
                    check_doc(json.loads(line), f'{kind}({g})')
    # anchor.py makes the same line from a document's own records
    for g in golds[:1]:
        for d in load(os.path.join(HERE, g))[:3]:
            ann = {'quotes': [{'type': q['type'], 'quote': q['quote'],
                               'nth': d['text'][:len(d['text'].encode()[:q['start']].decode())]
                               .count(q['quote']) + 1,
                               'speaker': q.get('speaker'), 'cue': q.get('cue')}
                              for q in d['quotes']]}
            with tempfile.TemporaryDirectory() as tmp:
                tp, ap = os.path.join(tmp, 't.json'), os.path.join(tmp, 'a.json')
                json.dump({'id': d['id'], 'source': d.get('source', ''), 'text': d['text']},
                          open(tp, 'w'))
                json.dump(ann, open(ap, 'w'))
                out = subprocess.run([sys.executable, os.path.join(HERE, 'anchor.py'), tp, ap],
                                     capture_output=True, text=True)
                if check(out.returncode == 0, f'anchor.py {d["id"]}: {out.stderr.strip()}'):
                    got = json.loads(out.stdout)
                    check([(q['start'], q['end'], q['type']) for q in got['quotes']] ==
                          sorted((q['start'], q['end'], q['type']) for q in d['quotes']),
                          f'anchor.py {d["id"]}: other spans')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
