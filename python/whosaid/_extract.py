"""Quotations of Python strings: whosaid.extract and whosaid.extract_many."""

import ctypes
import dataclasses
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple, Union

from . import _native as N
from ._speakers import Speaker, read_speakers
from ._text import code_points, one_line, utf8

# What a `types` argument may be: "direct", "direct,indirect", or an
# iterable of those names.
Types = Union[str, Iterable[str]]
ALL_TYPES: Tuple[str, ...] = ("direct", "indirect")


@dataclasses.dataclass(slots=True)
class Quote:
    """One quotation in a str. `start`/`end` are code-point offsets into
    the str (so text[q.start:q.end] == q.quote); the `byte_*` fields are
    the same spans as UTF-8 byte offsets, as the CLI writes them. A span
    that is absent is None throughout."""

    type: str                 # "direct" or "indirect"
    start: int
    end: int
    quote: str
    speaker: Optional[str]    # the canonical name ("Pete Hegseth")
    speaker_start: Optional[int]  # the mention anchoring the attribution
    speaker_end: Optional[int]
    mention: Optional[str]    # text[speaker_start:speaker_end] ("he")
    cue: Optional[str]
    cue_start: Optional[int]
    cue_end: Optional[int]
    rule: str
    byte_start: int
    byte_end: int
    speaker_byte_start: Optional[int]
    speaker_byte_end: Optional[int]
    cue_byte_start: Optional[int]
    cue_byte_end: Optional[int]

    def to_record(self, doc: Any = None) -> Dict[str, Any]:
        """The record as the CLI writes it (byte offsets), as a dict."""
        return {
            "doc": doc, "type": self.type,
            "start": self.byte_start, "end": self.byte_end, "quote": self.quote,
            "speaker": self.speaker,
            "speaker_start": self.speaker_byte_start, "speaker_end": self.speaker_byte_end,
            "cue": self.cue, "cue_start": self.cue_byte_start, "cue_end": self.cue_byte_end,
            "rule": self.rule,
        }


def types_mask(types: Types) -> int:
    """The WS_TYPE_* mask of an iterable of "direct"/"indirect"."""
    if isinstance(types, str):
        types = [t for t in types.split(",") if t]
    mask = 0
    for t in types:
        if t not in N.TYPE_BITS:
            raise ValueError("unknown quotation type %r (want 'direct' or 'indirect')" % (t,))
        mask |= N.TYPE_BITS[t]
    if not mask:
        raise ValueError("no quotation type asked for")
    return mask


_TYPE_NAMES = {N.WS_QUOTE_DIRECT: "direct", N.WS_QUOTE_INDIRECT: "indirect"}


class Extractor:
    """A libwhosaid extractor: reusable, one per thread (not thread-safe;
    whosaid.extract keeps one per thread for you). The GIL is released
    while it runs. `types` is an iterable of "direct"/"indirect"."""

    def __init__(self, types: Types = ALL_TYPES, _allocator: Optional[N.Allocator] = None):
        opts = N.Options(types_mask(types))
        # Keep the allocator (and its callbacks) alive as long as the handle.
        self._allocator = _allocator
        alloc_p = ctypes.byref(_allocator) if _allocator is not None else None
        self._handle = N.lib.ws_extractor_new(ctypes.byref(opts), alloc_p)
        if not self._handle:
            raise MemoryError("whosaid: out of memory creating an extractor")
        self._quotes = ctypes.POINTER(N.QuoteRecord)()
        self._count = ctypes.c_size_t()
        self._err = N.Error()

    def close(self) -> None:
        if getattr(self, "_handle", None):
            N.lib.ws_extractor_free(self._handle)
            self._handle = None

    __del__ = close

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract(self, text: str) -> List[Quote]:
        """The quotations of `text` (a str), sorted by start."""
        data = self._run(text)
        return self._records(text, data)

    def speakers(self, text: str) -> List[Speaker]:
        """The speakers of `text` (a str) in the order of their first
        quotation, as the CLI's --speakers gives them: each with its
        quotation counts and the indices of its quotations in
        extract(text)'s list (the same types)."""
        data = self._run(text)
        speakers = ctypes.POINTER(N.Speaker)()
        count = ctypes.c_size_t()
        status = N.need("ws_extract_speakers")(self._handle, ctypes.byref(speakers),
                                               ctypes.byref(count), ctypes.byref(self._err))
        if status != N.WS_OK:
            N.raise_for(status, self._err)
        return read_speakers(text, data, speakers, count.value)

    def work(self) -> int:
        """Units of work of the last extract (linear in the input)."""
        return N.lib.ws_extractor_work(self._handle)

    def _run(self, text: str) -> bytes:
        """ws_extract over `text`; its UTF-8 bytes, which the records'
        spans point into."""
        if not isinstance(text, str):
            raise TypeError("whosaid.extract takes a str, not %s" % type(text).__name__)
        if self._handle is None:
            raise ValueError("extractor is closed")
        data = utf8(text)
        status = N.lib.ws_extract(self._handle, data, len(data), ctypes.byref(self._quotes),
                                  ctypes.byref(self._count), ctypes.byref(self._err))
        if status != N.WS_OK:
            N.raise_for(status, self._err)
        return data

    def _records(self, text: str, data: bytes) -> List[Quote]:
        n = self._count.value
        if n == 0:
            return []
        raw = ctypes.string_at(self._quotes, n * _RECORD_SIZE)
        rows = list(_RECORD.iter_unpack(raw))
        ascii_only = len(data) == len(text)
        cp = None if ascii_only else code_points(data, _row_offsets(rows))
        out = []
        for qtype, cs, ce, ss, se, ms, me, us, ue, rule in rows:
            if cp is None:
                start, end = cs, ce
                m_start, m_end = (None, None) if ms == NO else (ms, me)
                c_start, c_end = (None, None) if us == NO else (us, ue)
            else:
                start, end = cp[cs], cp[ce]
                m_start, m_end = (None, None) if ms == NO else (cp[ms], cp[me])
                c_start, c_end = (None, None) if us == NO else (cp[us], cp[ue])
            out.append(Quote(
                _TYPE_NAMES.get(qtype, str(qtype)), start, end, text[start:end],
                None if ss == NO else one_line(data[ss:se].decode("utf-8", "replace")),
                m_start, m_end, None if m_start is None else text[m_start:m_end],
                None if c_start is None else text[c_start:c_end], c_start, c_end,
                N.rule_name(rule), cs, ce,
                None if ms == NO else ms, None if ms == NO else me,
                None if us == NO else us, None if us == NO else ue))
        return out


NO = N.WS_NO_OFFSET
# ws_quote as struct.unpack reads it: type, content, speaker, mention, cue
# (start, end each), rule. Unpacking the records in one call is several
# times faster than reading ctypes fields one by one; a test checks that
# it reads what the ctypes mirror (itself checked against the header)
# reads.
_RECORD = struct.Struct("@i" + "N" * 8 + "P")
_RECORD_SIZE = ctypes.sizeof(N.QuoteRecord)
assert _RECORD.size == _RECORD_SIZE


def _row_offsets(rows: List[Tuple[int, ...]]) -> Set[int]:
    """Every byte offset of the unpacked records, absent spans left out."""
    wanted: Set[int] = set()
    for _, cs, ce, _, _, ms, me, us, ue, _ in rows:
        wanted.update((cs, ce))
        if ms != NO:
            wanted.update((ms, me))
        if us != NO:
            wanted.update((us, ue))
    return wanted


_local = threading.local()


def _thread_extractor(mask: int) -> Extractor:
    """This thread's extractor for a types mask, made on first use and
    freed with the thread."""
    cache = getattr(_local, "extractors", None)
    if cache is None:
        cache = _local.extractors = {}
    x = cache.get(mask)
    if x is None:
        names = [t for t, bit in N.TYPE_BITS.items() if mask & bit]
        x = cache[mask] = Extractor(names)
    return x


def extract(text: str, types: Types = ALL_TYPES) -> List[Quote]:
    """The quotations of `text` (a str) as a list of Quote, sorted by
    start. Each thread uses its own extractor, and the GIL is released
    while it runs, so threads calling extract run in parallel."""
    return _thread_extractor(types_mask(types)).extract(text)


# Documents per task handed to a pool thread: enough to amortise the
# hand-over, few enough to balance documents of uneven size.
_CHUNK = 16


def _extract_chunk(texts: List[str], mask: int) -> List[List[Quote]]:
    x = _thread_extractor(mask)
    return [x.extract(t) for t in texts]


def extract_many(texts: Iterable[str], threads: Optional[int] = None,
                 types: Types = ALL_TYPES) -> List[List[Quote]]:
    """extract() over many strs on `threads` threads (default: one per
    core), each with its own extractor. Returns one list of Quote per
    text, in input order. The first error raised by any text is raised."""
    import os
    mask = types_mask(types)
    texts = list(texts)
    if threads is None or threads <= 0:
        threads = os.cpu_count() or 1
    if threads == 1 or len(texts) <= 1:
        return _extract_chunk(texts, mask)
    chunks = [texts[i:i + _CHUNK] for i in range(0, len(texts), _CHUNK)]
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="whosaid") as pool:
        results = pool.map(_extract_chunk, chunks, [mask] * len(chunks))
        return [quotes for chunk in results for quotes in chunk]


def speakers(text: str, types: Types = ALL_TYPES) -> List[Speaker]:
    """The speakers of `text` (a str) and their quotation counts, in the
    order of their first quotation: what the CLI's --speakers writes for
    the document (Speaker.to_record(doc) is that line as a dict). Each
    Speaker's `quotes` are indices into extract(text, types)."""
    return _thread_extractor(types_mask(types)).speakers(text)

