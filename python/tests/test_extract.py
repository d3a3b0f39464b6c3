"""whosaid.extract / extract_many: offsets, Unicode, errors, threads,
allocation failure, and the same records as the CLI."""

import ctypes
import json
import os
import pickle
import subprocess
import threading

import pytest

from conftest import ROOT, SEED, document_text, external_corpus
import whosaid
import whosaid._extract as E
import whosaid._native as N

# Texts whose quotations, speakers and cues sit after non-ASCII text of
# every UTF-8 length: 2 bytes (é), 3 (’, 中), 4 (emoji, astral plane).
UNICODE_TEXTS = [
    'Zoë Brontë, the café’s owner, arrived. "Prices will rise by 10 €," said Zoë Brontë.',
    '中文新闻 2024. "We are ready 🚀 for launch," said José Müller on Friday.',
    '😀😀😀 "The ﬁnal 𝒳 test 👍🏽 passed," Ana Łukasiewicz told reporters.',
    'Ukraine’s minister said that the talks “will continue” next week.',
]


def check_spans(text, q):
    data = text.encode("utf-8")
    assert text[q.start:q.end] == q.quote
    assert data[q.byte_start:q.byte_end].decode("utf-8") == q.quote
    if q.speaker_start is not None:
        assert text[q.speaker_start:q.speaker_end] == q.mention
        assert data[q.speaker_byte_start:q.speaker_byte_end].decode("utf-8") == q.mention
    else:
        assert q.mention is None and q.speaker_byte_start is None
    if q.cue_start is not None:
        assert text[q.cue_start:q.cue_end] == q.cue
        assert data[q.cue_byte_start:q.cue_byte_end].decode("utf-8") == q.cue
    else:
        assert q.cue is None and q.cue_byte_start is None


def cli_records(cli, jsonl_path):
    out = subprocess.run([cli, "--in", "jsonl", jsonl_path], check=True,
                         stdout=subprocess.PIPE).stdout.decode("utf-8")
    return [json.loads(line) for line in out.splitlines()]


def binding_records(jsonl_path, **kw):
    with open(jsonl_path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    results = whosaid.extract_many([d["text"] for d in docs], **kw)
    return [q.to_record(d["id"]) for d, quotes in zip(docs, results) for q in quotes]


# ---- offsets and Unicode ---------------------------------------------------

def test_ascii_offsets_are_byte_offsets():
    text = document_text(1, 2)
    (q,) = whosaid.extract(text)
    assert q.type == "direct"
    assert q.quote == "We will finish part 2 of batch 1 before the winter,"
    assert (q.start, q.end) == (q.byte_start, q.byte_end) == (29, 80)
    assert q.speaker == q.mention == "Maria Lopez"
    assert q.cue == "said" and q.rule
    check_spans(text, q)


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_unicode_offsets_are_code_points(text):
    quotes = whosaid.extract(text)
    assert quotes, "no quotation found in %r" % text
    for q in quotes:
        check_spans(text, q)
    # the text before the first quotation is not ASCII: the two kinds of
    # offsets differ, so a mix-up cannot pass
    assert any(q.byte_start != q.start for q in quotes)


def test_emoji_counts_as_one_code_point():
    text = 'Launch day 🚀. "Launch is a go," said Mia Chen.'
    (q,) = whosaid.extract(text, types=["direct"])
    assert q.quote == "Launch is a go,"
    assert q.start == 15 and q.byte_start == 18  # 🚀 is 1 code point, 4 bytes


def test_same_records_as_cli_on_unicode(cli, tmp_path):
    path = tmp_path / "u.jsonl"
    path.write_text("".join(json.dumps({"id": "u%d" % i, "text": t}) + "\n"
                            for i, t in enumerate(UNICODE_TEXTS)), encoding="utf-8")
    assert binding_records(str(path), threads=1) == cli_records(cli, str(path))


# Hard-wrapped text: a speaker's name crosses a line break.
WRAPPED = ('The plan was\nannounced, Marcelo\nClaure said on Monday in\nNew York.\n\n'
           '"It works," said Marcelo Claure.')


def test_wrapped_name_is_one_line_as_in_the_cli(cli, tmp_path):
    quotes = whosaid.extract(WRAPPED)
    assert [q.speaker for q in quotes] == ["Marcelo Claure", "Marcelo Claure"]
    assert WRAPPED[quotes[0].speaker_start:quotes[0].speaker_end] == "Marcelo\nClaure"
    assert [s.name for s in whosaid.speakers(WRAPPED)] == ["Marcelo Claure"]
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps({"id": "w", "text": WRAPPED}) + "\n", encoding="utf-8")
    assert binding_records(str(path), threads=1) == cli_records(cli, str(path))


def test_empty_and_quoteless_texts():
    assert whosaid.extract("") == []
    assert whosaid.extract("No one spoke today.") == []


def test_types_filter():
    text = 'He said that taxes would rise. "Not so," said Ann Lee.'
    both = whosaid.extract(text)
    assert {q.type for q in both} == {"direct", "indirect"}
    assert [q for q in both if q.type == "direct"] == whosaid.extract(text, types=["direct"])
    assert [q for q in both if q.type == "indirect"] == whosaid.extract(text, types="indirect")


def test_quote_is_a_picklable_dataclass():
    (q,) = whosaid.extract(document_text(0, 0))
    assert pickle.loads(pickle.dumps(q)) == q


# ---- the same records as the CLI -------------------------------------------

def test_seed_same_records_as_cli(cli):
    expected = cli_records(cli, SEED)
    assert expected  # the seed has quotations
    assert binding_records(SEED, threads=1) == expected
    assert binding_records(SEED, threads=3) == expected


def test_seed_records_are_the_gold(cli):
    # Every version must get the seed exactly right: the CLI's records are
    # its gold records, field for field.
    fields = ("type", "start", "end", "quote", "speaker", "cue")
    with open(SEED, encoding="utf-8") as f:
        (gold,) = [json.loads(line) for line in f if line.strip()]
    got = [{k: r[k] for k in fields} for r in cli_records(cli, SEED)]
    want = [{k: r[k] for k in fields} for r in gold["quotes"]]
    key = lambda r: (r["start"], r["end"], r["type"])  # noqa: E731
    assert sorted(got, key=key) == sorted(want, key=key)
    with open(os.path.join(ROOT, "examples", "seed.txt"), encoding="utf-8") as f:
        assert gold["text"] == f.read()  # tests/seed and examples/ are one article


def test_polnear_dev_same_records_as_cli(cli):
    dev = external_corpus("PolNeAR dev", "polnear", "dev.jsonl")
    assert binding_records(dev, threads=2) == cli_records(cli, dev)


# ---- errors ------------------------------------------------------------------

def test_wrong_argument_types():
    with pytest.raises(TypeError):
        whosaid.extract(b"bytes are not text")
    with pytest.raises(ValueError):
        whosaid.extract("x", types=["direct", "hearsay"])
    with pytest.raises(ValueError):
        whosaid.extract("x", types=[])


def test_closed_extractor():
    x = whosaid.Extractor()
    x.close()
    with pytest.raises(ValueError):
        x.extract("text")


def test_library_errors_become_exceptions():
    err = N.Error(N.WS_ERR_JSON, b"expected a JSON object", 17, 3)
    with pytest.raises(whosaid.WhosaidError) as info:
        N.raise_for(N.WS_ERR_JSON, err)
    e = info.value
    assert (e.code, e.name, e.message, e.position, e.line) == (
        N.WS_ERR_JSON, "json", "expected a JSON object", 17, 3)
    assert "line 3, byte 17" in str(e)
    again = pickle.loads(pickle.dumps(e))
    assert (again.code, again.message, again.position, again.line) == (
        e.code, e.message, e.position, e.line)


def test_nomem_becomes_memory_error():
    with pytest.raises(MemoryError):
        N.raise_for(N.WS_ERR_NOMEM, N.Error(N.WS_ERR_NOMEM, b"out of memory", 0, 0))


class CountingAllocator:
    """A ws_allocator over libc whose allocations start failing after
    `budget` successful ones (None: never)."""

    def __init__(self, budget=None):
        libc = ctypes.CDLL(None)
        for name, res, args in (("malloc", ctypes.c_void_p, [ctypes.c_size_t]),
                                ("realloc", ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_size_t]),
                                ("free", None, [ctypes.c_void_p])):
            getattr(libc, name).restype = res
            getattr(libc, name).argtypes = args
        self.libc, self.budget, self.calls = libc, budget, 0
        self.struct = N.Allocator(N.MALLOC_FN(self._malloc), N.REALLOC_FN(self._realloc),
                                  N.FREE_FN(self._free), None)

    def _allowed(self):
        self.calls += 1
        return self.budget is None or self.calls <= self.budget

    def _malloc(self, _ctx, size):
        return self.libc.malloc(size) if self._allowed() else None

    def _realloc(self, _ctx, ptr, size):
        return self.libc.realloc(ptr, size) if self._allowed() else None

    def _free(self, _ctx, ptr):
        self.libc.free(ptr)


def test_failed_allocation_raises_memory_error():
    with open(SEED, encoding="utf-8") as f:
        text = json.loads(f.readline())["text"]
    expected = whosaid.extract(text)

    with pytest.raises(MemoryError):
        whosaid.Extractor(_allocator=CountingAllocator(budget=0).struct)

    counting = CountingAllocator()
    x = whosaid.Extractor(_allocator=counting.struct)
    for_new = counting.calls
    x.close()

    failing = CountingAllocator(budget=for_new)  # enough for the handle only
    x = whosaid.Extractor(_allocator=failing.struct)
    with pytest.raises(MemoryError):
        x.extract(text)
    failing.budget = None  # memory is back: the handle is still usable
    assert x.extract(text) == expected
    x.close()


# ---- threads -----------------------------------------------------------------

def test_library_calls_release_the_gil():
    # ctypes.CDLL (not PyDLL) functions drop the GIL for the call.
    assert isinstance(N.lib, ctypes.CDLL) and not isinstance(N.lib, ctypes.PyDLL)
    assert not N.lib.ws_extract._flags_ & ctypes._FUNCFLAG_PYTHONAPI


def test_one_extractor_per_thread():
    mask = E.types_mask(("direct", "indirect"))
    mine = E._thread_extractor(mask)
    assert E._thread_extractor(mask) is mine
    theirs = []
    t = threading.Thread(target=lambda: theirs.append(E._thread_extractor(mask)))
    t.start()
    t.join()
    assert theirs[0] is not mine


def test_threads_extract_concurrently_and_correctly():
    texts = [document_text(s, n) for s in range(4) for n in range(40)] + UNICODE_TEXTS * 10
    expected = [whosaid.extract(t) for t in texts]
    results = [None] * 8
    start = threading.Barrier(8)

    def work(i):
        start.wait()  # all threads call into the library at once
        results[i] = [whosaid.extract(t) for t in texts[i::8]]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(8):
        assert results[i] == expected[i::8]


@pytest.mark.parametrize("threads", [1, 2, 4, None])
def test_extract_many_keeps_input_order(threads):
    texts = [document_text(s, n) for s in range(3) for n in range(50)] + ["", "quiet"]
    got = whosaid.extract_many(texts, threads=threads)
    assert len(got) == len(texts)
    assert got == [whosaid.extract(t) for t in texts]
    assert [q.quote for q in got[77]] == ["We will finish part 27 of batch 1 before the winter,"]


def test_extract_many_raises_the_first_error():
    with pytest.raises(TypeError):
        whosaid.extract_many(["fine", b"not a str", "fine"], threads=2)
