"""ctypes mirror of include/whosaid.h: the library, its structs, its calls.

Every struct here mirrors one in the C header field for field; the test
python/tests/test_layout.py compiles a small C program against the header
and compares every size and field offset, so a change to the header that
is not made here too fails the tests.

The library is loaded with ctypes.CDLL, which releases the GIL for the
duration of every foreign call: C code runs while other Python threads
run. Callbacks from C into Python (allocator, progress, failures) take the
GIL back for as long as they run.
"""

import ctypes
import os
import threading
from typing import Dict, List, NoReturn

from ._errors import WhosaidError

# ---- finding the library -------------------------------------------------

LIBRARY_NAME = "libwhosaid.so"
_HERE = os.path.dirname(os.path.abspath(__file__))


def library_candidates() -> List[str]:
    """Where the library is looked for, in order: $WHOSAID_LIB, a copy next
    to this package (what `make python` installs), and build/ of the source
    tree this package sits in."""
    found = []
    env = os.environ.get("WHOSAID_LIB")
    if env:
        found.append(env)
    found.append(os.path.join(_HERE, LIBRARY_NAME))
    found.append(os.path.join(os.path.dirname(os.path.dirname(_HERE)), "build", LIBRARY_NAME))
    return found


def _load():
    candidates = library_candidates()
    if os.environ.get("WHOSAID_LIB"):
        # An explicit choice is never silently replaced by another copy.
        return ctypes.CDLL(os.path.abspath(candidates[0])), candidates[0]
    for path in candidates:
        if os.path.exists(path):
            return ctypes.CDLL(path), path
    raise OSError(
        "whosaid: cannot find %s; set WHOSAID_LIB to its path or run `make` "
        "(looked in: %s)" % (LIBRARY_NAME, ", ".join(candidates))
    )


# ---- structs (include/whosaid.h) ------------------------------------------

WS_NO_OFFSET = ctypes.c_size_t(-1).value

# enum ws_status
WS_OK = 0
WS_DONE = 1
WS_NEED_INPUT = 2
WS_ERR_NOMEM = 3
WS_ERR_INVALID_ARG = 4
WS_ERR_TOO_LARGE = 5
WS_ERR_JSON = 6
WS_ERR_WRITE = 7
WS_ERR_WARC = 8
WS_ERR_GZIP = 9
WS_ERR_HTML = 10
WS_ERR_IO = 11
WS_ERR_NOT_TEXT = 12
WS_ERR_INTERRUPTED = 13
WS_SKIPPED = 14
WS_STATUS_COUNT = 15

# The codes' keys, as Stats.failed_by keys them: the library's own
# (ws_status_key), which the CLI's --stats uses too; python/tests checks
# that the two tables agree.
STATUS_KEYS = (
    "ok", "done", "need_input", "nomem", "invalid_arg", "too_large", "json",
    "write", "warc", "gzip", "html", "io", "not_text",
    "interrupted", "skipped",
)
assert len(STATUS_KEYS) == WS_STATUS_COUNT

# enum ws_skip, as Stats.skipped_by keys it (WS_SKIP_NONE left out): the
# library's ws_skip_key.
SKIP_KEYS = ("none", "not_response", "not_html", "not_ok", "empty")
WS_SKIP_COUNT = 5
assert len(SKIP_KEYS) == WS_SKIP_COUNT

WS_QUOTE_DIRECT = 1
WS_QUOTE_INDIRECT = 2
WS_TYPE_DIRECT = 1 << 0
WS_TYPE_INDIRECT = 1 << 1
TYPE_BITS = {"direct": WS_TYPE_DIRECT, "indirect": WS_TYPE_INDIRECT}

INPUT_FORMATS = {None: 0, "text": 1, "jsonl": 2, "html": 3, "warc": 4}
OUTPUT_FORMATS = {"jsonl": 1, "text": 2, "docs": 3}

# C enums are int-sized on every ABI the library is built for (checked by
# the layout test).
c_enum = ctypes.c_int

MALLOC_FN = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)
REALLOC_FN = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)
FREE_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


class Allocator(ctypes.Structure):
    _fields_ = [
        ("malloc", MALLOC_FN),
        ("realloc", REALLOC_FN),
        ("free", FREE_FN),
        ("ctx", ctypes.c_void_p),
    ]


class Error(ctypes.Structure):
    _fields_ = [
        ("code", c_enum),
        ("message", ctypes.c_char_p),
        ("position", ctypes.c_size_t),
        ("line", ctypes.c_size_t),
    ]


class Span(ctypes.Structure):
    _fields_ = [("start", ctypes.c_size_t), ("end", ctypes.c_size_t)]


class QuoteRecord(ctypes.Structure):
    _fields_ = [
        ("type", c_enum),
        ("content", Span),
        ("speaker", Span),
        ("mention", Span),
        ("cue", Span),
        ("rule", ctypes.c_void_p),  # static const char *: read once, cached
    ]


class Options(ctypes.Structure):
    _fields_ = [("types", ctypes.c_uint)]


class Str(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t)]

    def bytes(self):
        return ctypes.string_at(self.ptr, self.len) if self.ptr else b""


class Document(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_void_p),
        ("id_len", ctypes.c_size_t),
        ("text", ctypes.c_void_p),
        ("text_len", ctypes.c_size_t),
        ("line", ctypes.c_size_t),
        ("offset", ctypes.c_size_t),
        ("content", c_enum),
        ("skip", c_enum),
        ("charset", Str),
        ("url", Str),
        ("date", Str),
        ("record_offset", ctypes.c_uint64),
        ("record_length", ctypes.c_uint64),
        ("title", Str),
    ]


class RunStats(ctypes.Structure):
    _fields_ = [
        ("documents_read", ctypes.c_uint64),
        ("documents_processed", ctypes.c_uint64),
        ("documents_failed", ctypes.c_uint64),
        ("documents_skipped", ctypes.c_uint64),
        ("failed_by", ctypes.c_uint64 * WS_STATUS_COUNT),
        ("skipped_by", ctypes.c_uint64 * WS_SKIP_COUNT),
        ("quotations", ctypes.c_uint64),
        ("quotations_direct", ctypes.c_uint64),
        ("quotations_indirect", ctypes.c_uint64),
        ("bytes_in", ctypes.c_uint64),
        ("bytes_total", ctypes.c_uint64),
        ("bytes_text", ctypes.c_uint64),
        ("bytes_out", ctypes.c_uint64),
        ("replaced", ctypes.c_uint64),
    ]


# The speakers of a document (ws_extract_speakers), with the names the CLI's
# --speakers writes for each enum value.
SPEAKER_KINDS = {1: "person", 2: "organisation", 3: "phrase"}
MENTION_KINDS = {1: "name", 2: "pronoun", 3: "role"}
GENDERS = {0: "unknown", 1: "male", 2: "female"}
EVIDENCE_KINDS = {1: "pronoun", 2: "honorific", 3: "title", 4: "given-name"}
AFFILIATION_KINDS = {1: "place", 2: "organisation"}


class SpeakerMention(ctypes.Structure):
    _fields_ = [("span", Span), ("kind", c_enum)]


class GenderEvidence(ctypes.Structure):
    _fields_ = [("span", Span), ("gender", c_enum), ("kind", c_enum)]


class Affiliation(ctypes.Structure):
    _fields_ = [("span", Span), ("kind", c_enum)]


class Speaker(ctypes.Structure):
    _fields_ = [
        ("name", Span),
        ("kind", c_enum),
        ("gender", c_enum),
        ("mentions", ctypes.POINTER(SpeakerMention)),
        ("n_mentions", ctypes.c_size_t),
        ("titles", ctypes.POINTER(Span)),
        ("n_titles", ctypes.c_size_t),
        ("affiliations", ctypes.POINTER(Affiliation)),
        ("n_affiliations", ctypes.c_size_t),
        ("evidence", ctypes.POINTER(GenderEvidence)),
        ("n_evidence", ctypes.c_size_t),
        ("quotes", ctypes.POINTER(ctypes.c_size_t)),
        ("n_quotes", ctypes.c_size_t),
        ("quotes_direct", ctypes.c_size_t),
        ("quotes_indirect", ctypes.c_size_t),
    ]


FAILURE_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p,
                              ctypes.POINTER(Document), ctypes.POINTER(Error))
PROGRESS_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(RunStats))
INTERRUPTED_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)


class RunOptions(ctypes.Structure):
    _fields_ = [
        ("extract", Options),
        ("input", c_enum),
        ("output", c_enum),
        ("threads", ctypes.c_uint),
        ("on_failure", FAILURE_FN),
        ("on_progress", PROGRESS_FN),
        ("interrupted", INTERRUPTED_FN),
        ("ctx", ctypes.c_void_p),
    ]


# Every mirrored struct, by its C name: what the layout test checks.
STRUCTS = {
    "ws_allocator": Allocator,
    "ws_error": Error,
    "ws_span": Span,
    "ws_quote": QuoteRecord,
    "ws_options": Options,
    "ws_str": Str,
    "ws_document": Document,
    "ws_stats": RunStats,
    "ws_run_options": RunOptions,
    "ws_speaker_mention": SpeakerMention,
    "ws_gender_evidence": GenderEvidence,
    "ws_affiliation": Affiliation,
    "ws_speaker": Speaker,
}


# ---- the calls -------------------------------------------------------------

_P = ctypes.POINTER


def _declare(lib):
    sig = {
        "ws_status_name": (ctypes.c_char_p, [c_enum]),
        "ws_status_key": (ctypes.c_char_p, [c_enum]),
        "ws_skip_key": (ctypes.c_char_p, [c_enum]),
        "ws_options_init": (None, [_P(Options)]),
        "ws_extractor_new": (ctypes.c_void_p, [_P(Options), _P(Allocator)]),
        "ws_extractor_free": (None, [ctypes.c_void_p]),
        "ws_extract": (c_enum, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                _P(_P(QuoteRecord)), _P(ctypes.c_size_t), _P(Error)]),
        "ws_extractor_work": (ctypes.c_uint64, [ctypes.c_void_p]),
        "ws_extract_speakers": (c_enum, [ctypes.c_void_p, _P(_P(Speaker)),
                                         _P(ctypes.c_size_t), _P(Error)]),
        "ws_run_options_init": (None, [_P(RunOptions)]),
        "ws_run": (c_enum, [_P(ctypes.c_char_p), ctypes.c_size_t, ctypes.c_char_p,
                            _P(RunOptions), _P(RunStats), _P(Error)]),
    }
    for name, (restype, argtypes) in sig.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            continue  # an older library: the call raises when used (see need())
        fn.restype = restype
        fn.argtypes = argtypes


lib, library_path = _load()
_declare(lib)


def need(name):
    """The C function `name`, or a WhosaidError naming the library that
    lacks it (a build older than this package)."""
    try:
        return getattr(lib, name)
    except AttributeError:
        raise WhosaidError(WS_ERR_INVALID_ARG,
                           "%s does not export %s: rebuild it (make)" % (library_path, name),
                           0) from None


def status_name(code: int) -> str:
    name = lib.ws_status_name(code)
    return name.decode("ascii") if name else "unknown status"


def raise_for(code: int, err: "Error") -> NoReturn:
    """Raise the exception for a failed call: MemoryError for WS_ERR_NOMEM,
    else WhosaidError with the library's message and position."""
    message = err.message.decode("utf-8", "replace") if err.message else status_name(code)
    if code == WS_ERR_NOMEM:
        raise MemoryError(message)
    raise WhosaidError(code, message, err.position, err.line)


_rule_names: Dict[int, str] = {}
_rule_lock = threading.Lock()


def rule_name(address: int) -> str:
    """The static rule string at `address`, decoded once per process. The
    library gives every record one; a NULL would be its "unattributed"."""
    name = _rule_names.get(address)
    if name is None:
        name = ctypes.string_at(address).decode("ascii") if address else "unattributed"
        with _rule_lock:
            _rule_names[address] = name
    return name
