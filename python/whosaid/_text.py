"""A str and its UTF-8 bytes: the encoding the library reads, and its
byte offsets turned back into the str's code-point offsets."""

import re
from typing import Dict, Iterable

# UTF-8 continuation bytes: deleting them from a run of bytes leaves one
# byte per code point.
_CONTINUATION = bytes(range(0x80, 0xC0))


def utf8(text: str) -> bytes:
    """`text` in UTF-8. A lone surrogate (a str from surrogateescape
    decoding, or a half of a pair cut apart) has no UTF-8 form: it is a
    ValueError that says so and where, not the codec's error."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(
            "whosaid: the text has a lone surrogate U+%04X at index %d, which is not a "
            "character and cannot be encoded as UTF-8; remove or replace it first "
            "(e.g. text.encode('utf-8', 'replace').decode('utf-8'))"
            % (ord(text[e.start]), e.start)) from None


def code_points(data: bytes, wanted: Iterable[int]) -> Dict[int, int]:
    """byte offset -> code-point offset, for every offset in `wanted`. The
    offsets are visited in order; each costs the bytes since the one
    before (UTF-8 continuation bytes deleted, one C pass), so the whole is
    linear in the document."""
    cp, prev_b, prev_c = {}, 0, 0
    for b in sorted(wanted):
        prev_c += len(data[prev_b:b].translate(None, _CONTINUATION))
        prev_b = b
        cp[b] = prev_c
    return cp


# A run of white space holding a line break or a tab, with the spaces
# around it: in hard-wrapped text a name may cross a line.
_NAME_BREAK = re.compile(r" *[\r\n\t][ \r\n\t]*")


def one_line(name: str) -> str:
    """A speaker's name as the CLI writes it: each run of white space that
    holds a line break or a tab is one space ("Marcelo\nClaure" is
    "Marcelo Claure"), so one speaker is one name in a table."""
    if "\n" not in name and "\r" not in name and "\t" not in name:
        return name
    # as the C writer (out.c out_name_text): no space where a break opens
    # or closes the name
    pieces = _NAME_BREAK.split(name)
    return " ".join(p for k, p in enumerate(pieces) if p or 0 < k < len(pieces) - 1)
