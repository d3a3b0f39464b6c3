"""The speakers of a str (ws_extract_speakers): whosaid.speakers."""

import dataclasses
from typing import Any, Dict, List, Optional, Set

from . import _native as N
from ._text import code_points, one_line


@dataclasses.dataclass(slots=True)
class TextSpan:
    """A piece of the text naming or describing a speaker: its text,
    code-point offsets into the str (`start`/`end`) and UTF-8 byte offsets
    (`byte_*`), and, where the CLI gives them, its kind ("name", "place",
    "pronoun", ...) and the gender it tells."""

    text: str
    start: int
    end: int
    byte_start: int
    byte_end: int
    kind: Optional[str] = None
    gender: Optional[str] = None

    def to_record(self) -> Dict[str, Any]:
        """As the CLI writes it (byte offsets)."""
        out: Dict[str, Any] = {"text": self.text, "start": self.byte_start, "end": self.byte_end}
        if self.kind is not None:
            out["kind"] = self.kind
        if self.gender is not None:
            out["gender"] = self.gender
        return out


@dataclasses.dataclass(slots=True)
class Speaker:
    """One speaker of a text: the canonical name (the records' `speaker`)
    and its span, kind ("person", "organisation", "phrase"), gender
    ("male", "female", "unknown"), its quotation counts (`direct`,
    `indirect`, `total`) and their indices in extract()'s list
    (`quotes`), and the titles, affiliations, gender evidence and mentions
    the text gives."""

    name: str
    start: int
    end: int
    byte_start: int
    byte_end: int
    kind: str
    gender: str
    direct: int
    indirect: int
    total: int
    quotes: List[int]
    titles: List[TextSpan]
    affiliations: List[TextSpan]
    gender_evidence: List[TextSpan]
    mentions: List[TextSpan]

    def to_record(self, doc: Any = None) -> Dict[str, Any]:
        """The CLI's --speakers line for this speaker, as a dict."""
        return {
            "doc": doc, "speaker": self.name, "start": self.byte_start, "end": self.byte_end,
            "kind": self.kind, "gender": self.gender,
            "quotes": {"direct": self.direct, "indirect": self.indirect, "total": self.total,
                       "records": list(self.quotes)},
            "titles": [t.to_record() for t in self.titles],
            "affiliations": [a.to_record() for a in self.affiliations],
            "gender_evidence": [e.to_record() for e in self.gender_evidence],
            "mentions": [m.to_record() for m in self.mentions],
        }


class _Reader:
    """Turns the library's spans into TextSpans of one str: byte offsets
    to code points through one map built for all of them."""

    def __init__(self, text: str, data: bytes, speakers: List[N.Speaker]):
        self.text, self.data = text, data
        wanted: Set[int] = set()
        for p in speakers:
            for span in _spans(p):
                wanted.update((span.start, span.end))
        ascii_only = len(data) == len(text)
        self.cp = None if ascii_only else code_points(data, wanted)

    def span(self, s: N.Span, kind: Optional[str] = None,
             gender: Optional[str] = None) -> TextSpan:
        start, end = (s.start, s.end) if self.cp is None else (self.cp[s.start], self.cp[s.end])
        return TextSpan(self.text[start:end], start, end, s.start, s.end, kind, gender)

    def speaker(self, p: N.Speaker) -> Speaker:
        name = self.span(p.name)
        return Speaker(
            one_line(name.text), name.start, name.end, name.byte_start, name.byte_end,
            N.SPEAKER_KINDS.get(p.kind, "person"), N.GENDERS.get(p.gender, "unknown"),
            p.quotes_direct, p.quotes_indirect, p.n_quotes,
            [p.quotes[k] for k in range(p.n_quotes)],
            [self.span(p.titles[k]) for k in range(p.n_titles)],
            [self.span(a.span, N.AFFILIATION_KINDS.get(a.kind, "organisation"))
             for a in p.affiliations[:p.n_affiliations]],
            [self.span(e.span, N.EVIDENCE_KINDS.get(e.kind, "unknown"),
                       N.GENDERS.get(e.gender, "unknown")) for e in p.evidence[:p.n_evidence]],
            [self.span(m.span, N.MENTION_KINDS.get(m.kind, "role"))
             for m in p.mentions[:p.n_mentions]])


def _spans(p: N.Speaker) -> List[N.Span]:
    """Every span of one speaker."""
    return ([p.name] + [p.titles[k] for k in range(p.n_titles)]
            + [a.span for a in p.affiliations[:p.n_affiliations]]
            + [e.span for e in p.evidence[:p.n_evidence]]
            + [m.span for m in p.mentions[:p.n_mentions]])


def read_speakers(text: str, data: bytes, array: Any, count: int) -> List[Speaker]:
    """The ws_speaker array of the extractor (a ctypes pointer, valid
    until the extractor's next call), copied out as Speakers of `text`, whose UTF-8 bytes are `data`."""
    speakers = [array[k] for k in range(count)]
    reader = _Reader(text, data, speakers)
    return [reader.speaker(p) for p in speakers]
