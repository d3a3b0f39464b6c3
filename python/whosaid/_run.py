"""Whole files in, records out: whosaid.process_file over ws_run."""

import ctypes
import dataclasses
import os
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Union

from . import _native as N
from ._errors import WhosaidError
from ._extract import ALL_TYPES, Types, types_mask

# A file name: a str, bytes or os.PathLike, as open() takes.
Path = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

# Failures kept with their details in Stats.failures; all are counted.
MAX_FAILURES_KEPT = 100


def _zero(keys):
    return {k: 0 for k in keys}


_FAILED_KEYS = N.STATUS_KEYS[N.WS_ERR_NOMEM:N.WS_SKIPPED]   # the WS_ERR_* codes
_SKIPPED_KEYS = N.SKIP_KEYS[1:]                              # WS_SKIP_NONE left out


@dataclasses.dataclass
class Failure:
    """One document that failed: the file, the document's id (or None),
    its JSONL line (0 if none), the error's name, message and position."""
    source: Optional[str]
    doc: Optional[str]
    line: int
    error: str
    message: str
    position: int


@dataclasses.dataclass
class Stats:
    """What a run did: mirrors ws_stats (include/whosaid.h).
    documents_read == documents_processed + documents_failed +
    documents_skipped. failed_by counts failures by error name
    ("json", "too_large", ...), skipped_by skips by reason ("not_html",
    ...). Stats add up with +; `failures` keeps the first
    MAX_FAILURES_KEPT failures' details."""

    documents_read: int = 0
    documents_processed: int = 0
    documents_failed: int = 0
    documents_skipped: int = 0
    failed_by: Dict[str, int] = dataclasses.field(default_factory=lambda: _zero(_FAILED_KEYS))
    skipped_by: Dict[str, int] = dataclasses.field(default_factory=lambda: _zero(_SKIPPED_KEYS))
    quotations: int = 0
    quotations_direct: int = 0
    quotations_indirect: int = 0
    bytes_in: int = 0
    bytes_total: int = 0
    bytes_text: int = 0
    bytes_out: int = 0
    replaced: int = 0
    failures: List[Failure] = dataclasses.field(default_factory=list)

    @classmethod
    def from_c(cls, c: N.RunStats) -> "Stats":
        s = cls()
        for f in dataclasses.fields(cls):
            if f.type is int:
                setattr(s, f.name, getattr(c, f.name))
        s.failed_by = {k: c.failed_by[N.STATUS_KEYS.index(k)] for k in _FAILED_KEYS}
        s.skipped_by = {k: c.skipped_by[N.SKIP_KEYS.index(k)] for k in _SKIPPED_KEYS}
        return s

    def __add__(self, other: object) -> "Stats":
        if not isinstance(other, Stats):
            return NotImplemented
        out = Stats()
        for f in dataclasses.fields(Stats):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if isinstance(a, dict):
                setattr(out, f.name, {k: a.get(k, 0) + b.get(k, 0) for k in {**a, **b}})
            elif isinstance(a, list):
                setattr(out, f.name, (a + b)[:MAX_FAILURES_KEPT])
            else:
                setattr(out, f.name, a + b)
        return out

    def to_dict(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Stats":
        d = dict(d)
        d["failures"] = [Failure(**f) for f in d.get("failures", [])]
        return cls(**d)


def _fspath(p: Path) -> bytes:
    return os.fsencode(os.fspath(p))


def _decode(ptr, n):
    return ctypes.string_at(ptr, n).decode("utf-8", "replace") if ptr else None


def process_file(path: Union[Path, Iterable[Path]], out_path: Optional[Path], threads: int = 0,
                 input: Optional[str] = None, types: Types = ALL_TYPES, output: str = "jsonl",
                 progress: Optional[Callable[[Stats], None]] = None) -> Stats:
    """Run the library's engine (ws_run) over `path` (a file name, "-" for
    standard input, or a list of them) and write the records to `out_path`
    ("-" or None: standard output; compressed when it ends in .zst or
    .gz). `threads`: worker threads, 0 for one per core. `input`: "text",
    "jsonl", "html", "warc", or None to decide per file by its name.
    `output`: "jsonl" (records), "text" or "docs". `progress`: called now
    and then with a Stats of the figures so far.

    Returns Stats. Documents that fail are counted there (and listed in
    Stats.failures) and do not stop the run; an input or the output that
    cannot be opened or read, or a bad argument, raises WhosaidError (once
    the other inputs have run), and running out of memory raises
    MemoryError. The GIL
    is released while the run goes on."""
    paths = [path] if isinstance(path, (str, bytes, os.PathLike)) else list(path)
    if input not in N.INPUT_FORMATS:
        raise ValueError("unknown input format %r (want one of text, jsonl, html, warc)" % (input,))
    if output not in N.OUTPUT_FORMATS:
        raise ValueError("unknown output format %r (want jsonl, text or docs)" % (output,))
    if threads < 0:
        raise ValueError("threads must be >= 0")
    ws_run = N.need("ws_run")

    opts = N.RunOptions()
    N.need("ws_run_options_init")(ctypes.byref(opts))
    opts.extract.types = types_mask(types)
    opts.input = N.INPUT_FORMATS[input]
    opts.output = N.OUTPUT_FORMATS[output]
    opts.threads = threads
    failures: List[Failure] = []
    input_errors: List[Tuple[Optional[str], int, str, int, int]] = []

    def on_failure(_ctx, source, doc, err):
        e = err.contents
        source = source.decode("utf-8", "replace") if source else None
        if not doc:  # a whole input failed: no document, not in the stats
            input_errors.append((source, e.code, _message(e), e.position, e.line))
            return
        if len(failures) >= MAX_FAILURES_KEPT:
            return
        d = doc.contents
        failures.append(Failure(
            source=source, doc=_decode(d.id, d.id_len), line=d.line or e.line,
            error=N.STATUS_KEYS[e.code] if 0 <= e.code < N.WS_STATUS_COUNT else str(e.code),
            message=_message(e), position=e.position))

    def on_progress(_ctx, stats):
        progress(Stats.from_c(stats.contents))

    # The callbacks must outlive the call: keep them in locals.
    failure_cb = N.FAILURE_FN(on_failure)
    # (no argument: a NULL function pointer, which the stubs do not know)
    progress_cb = N.PROGRESS_FN(on_progress) if progress else N.PROGRESS_FN()  # type: ignore
    opts.on_failure = failure_cb
    opts.on_progress = progress_cb

    inputs = (ctypes.c_char_p * len(paths))(*[_fspath(p) for p in paths])
    out = None if out_path is None else _fspath(out_path)
    stats, err = N.RunStats(), N.Error()
    status = ws_run(inputs, len(paths), out, ctypes.byref(opts), ctypes.byref(stats),
                    ctypes.byref(err))
    result = Stats.from_c(stats)
    result.failures = failures
    if input_errors:
        _raise_input_error(*input_errors[0])
    if status != N.WS_OK and not _documents_failed_with(result, status):
        N.raise_for(status, err)
    return result


def _message(e):
    return e.message.decode("utf-8", "replace") if e.message else N.status_name(e.code)


def _raise_input_error(source, code, message, position, line):
    """An input that could not be read (or out of memory) fails the whole
    call, whatever the other inputs did."""
    if code == N.WS_ERR_NOMEM:
        raise MemoryError("%s: %s" % (source, message))
    raise WhosaidError(code, "%s: %s" % (source, message), position, line)


def _documents_failed_with(stats, status):
    """True when `status` is what ws_run returns for a run that went
    through with some documents failed: the code of a document failure
    that is counted. Anything else stopped the run."""
    if not 0 <= status < N.WS_STATUS_COUNT:
        return False
    return stats.failed_by.get(N.STATUS_KEYS[status], 0) > 0 and status != N.WS_ERR_NOMEM


__all__ = ["Stats", "Failure", "process_file", "WhosaidError"]
