#!/usr/bin/env python3
"""The same gold documents in another typographic convention.

    variants.py british GOLD.jsonl > OUT.jsonl
    variants.py wrapped GOLD.jsonl [--width 72] > OUT.jsonl

british: the outer quotation marks become single and the nested ones
double, as UK papers print them (“A ‘B’ C” -> ‘A “B” C’; "A 'B' C" ->
'A "B" C'). Apostrophes (don’t, the Smiths’, ’90s) stay as they are.
Every mark keeps its byte length, so every offset stays valid; the
records' "quote" texts are re-read from the new text.

wrapped: plain-text e-mail style. Paragraphs are separated by a blank
line and each is hard-wrapped at --width columns with single newlines
(a space becomes a newline, so a line never ends inside a word). Offsets
are mapped onto the new text. A text that already has blank lines
between paragraphs is in that style and stays as it is.

The records are the same records: a convention changes no ruling of
FORMAT.md, so a system should score the same on every variant.
"""
import json
import sys

def is_word(c):
    return c.isalnum()


def opens(s, i):
    """A mark at i that can open: after a space, a dash, an opening
    bracket or another mark, before a word or a mark."""
    before = s[i - 1] if i > 0 else ' '
    after = s[i + 1] if i + 1 < len(s) else ' '
    return not is_word(before) and before not in '.,;:!?' and not after.isspace()


def closes(s, i):
    """A mark at i that can close: after a word, punctuation or a mark,
    and not inside a word (don’t, rock ’n’ roll)."""
    before = s[i - 1] if i > 0 else ' '
    after = s[i + 1] if i + 1 < len(s) else ' '
    return not before.isspace() and not is_word(after)


DOUBLE = '"\u201c\u201d'
SINGLE = "'\u2018\u2019"


def in_family(c, fam):
    """The mark c in family fam ('d' or 's'), keeping its width and side."""
    if c in '"\'':
        return '"' if fam == 'd' else "'"
    if c in '\u201c\u2018':
        return '\u201c' if fam == 'd' else '\u2018'
    return '\u201d' if fam == 'd' else '\u2019'


def british_paragraph(p):
    """Swap the families inside one paragraph: a quotation at the outer
    level becomes single, one nested in it double, and so on. Each mark
    keeps its width (' <-> ", and the typographic pairs)."""
    out = list(p)
    stack = []  # (position, family 'd'/'s') of open quotations
    for i, c in enumerate(p):
        if c not in DOUBLE and c not in SINGLE:
            continue
        fam = 'd' if c in DOUBLE else 's'
        can_close = closes(p, i) and c not in '\u201c\u2018'
        can_open = opens(p, i) and c not in '\u201d' and not (fam == 's' and c == '\u2019')
        top = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == fam), None)
        if can_close and top is not None:
            j, _ = stack[top]
            del stack[top:]
            # the outer level is single, the next double, and so on
            for at in (j, i):
                out[at] = in_family(p[at], 's' if top % 2 == 0 else 'd')
        elif can_open and (fam == 'd' or stack):
            stack.append((i, fam))
        # else: an apostrophe, or a stray mark: left as it is
    # openers never closed (a quotation running on to the next paragraph)
    for k, (j, _) in enumerate(stack):
        out[j] = in_family(p[j], 's' if k % 2 == 0 else 'd')
    return ''.join(out)


def british(doc):
    # a hard-wrapped text's paragraphs end at blank lines; its single
    # newlines fall inside quotations
    sep = '\n\n' if '\n\n' in doc['text'] else '\n'
    text = sep.join(british_paragraph(p) for p in doc['text'].split(sep))
    assert len(text.encode()) == len(doc['text'].encode())
    return text, lambda off: off


def wrapped(doc, width):
    old = doc['text']
    if '\n\n' in old:
        # already in the convention (blank lines between paragraphs, as
        # the plain-text newsletters of the synthetic sets are): its
        # single newlines are line breaks, not paragraphs to re-wrap
        return old, lambda off: off
    new = []
    where = []  # new offset (in characters) of each old character
    for n, para in enumerate(old.split('\n')):
        if n:
            where.append(len(new))  # the old '\n'
            new.extend('\n\n')
        col = 0
        words = para.split(' ')
        for k, w in enumerate(words):
            if k:
                if col + 1 + len(w) > width:
                    where.append(len(new))
                    new.append('\n')
                    col = 0
                else:
                    where.append(len(new))
                    new.append(' ')
                    col += 1
            for ch in w:
                where.append(len(new))
                new.append(ch)
            col += len(w)
    where.append(len(new))
    text = ''.join(new)
    # byte offsets: old byte -> old char -> new char -> new byte
    old_char_at = {}
    b = 0
    for i, ch in enumerate(old):
        old_char_at[b] = i
        b += len(ch.encode())
    old_char_at[b] = len(old)
    new_byte = [0]
    for ch in text:
        new_byte.append(new_byte[-1] + len(ch.encode()))
    return text, lambda off: new_byte[where[old_char_at[off]]]


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ('british', 'wrapped'):
        sys.exit('usage: variants.py british|wrapped GOLD.jsonl [--width N]')
    width = 72
    if '--width' in sys.argv:
        width = int(sys.argv[sys.argv.index('--width') + 1])
    with open(sys.argv[2], encoding='utf-8') as f:
        docs = [json.loads(line) for line in f if line.strip()]
    for doc in docs:
        text, move = british(doc) if sys.argv[1] == 'british' else wrapped(doc, width)
        body = text.encode()
        quotes = []
        for q in doc['quotes']:
            q = dict(q)
            for s, e in (('start', 'end'), ('speaker_start', 'speaker_end')):
                if isinstance(q.get(s), int):
                    q[s], q[e] = move(q[s]), move(q[e])
            q['quote'] = body[q['start']:q['end']].decode()
            quotes.append(q)
        out = dict(doc, text=text, quotes=quotes)
        print(json.dumps(out, ensure_ascii=False))


if __name__ == '__main__':
    main()
