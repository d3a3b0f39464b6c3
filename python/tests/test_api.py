"""The package's surface: lone surrogates, whosaid.speakers against the
CLI's --speakers, whosaid.to_dataframe with and without pandas, type
hints and py.typed."""

import dataclasses
import inspect
import json
import os
import subprocess
import sys
import typing

import pytest

from conftest import PYTHON_DIR, SEED
import whosaid
from test_extract import UNICODE_TEXTS

with open(SEED, encoding="utf-8") as _f:
    SEED_TEXT = json.loads(_f.readline())["text"]


# ---- lone surrogates ----------------------------------------------------------

@pytest.mark.parametrize("call", [
    whosaid.extract, whosaid.speakers,
    lambda t: whosaid.extract_many(["fine", t], threads=2),
    lambda t: whosaid.Extractor().extract(t),
])
def test_lone_surrogate_is_a_value_error_that_says_so(call):
    text = 'ok \udc80 "Hi," said Ann Lee.'  # as surrogateescape decoding leaves it
    with pytest.raises(ValueError) as info:
        call(text)
    assert type(info.value) is ValueError  # not UnicodeEncodeError
    message = str(info.value)
    assert "lone surrogate U+DC80 at index 3" in message
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_surrogate_pairs_are_fine():
    (q,) = whosaid.extract('"Go \U0001F680 now," said Ann Lee.')  # one astral code point
    assert q.quote == "Go \U0001F680 now,"


# ---- speakers -----------------------------------------------------------------

def cli_speakers(cli, path):
    out = subprocess.run([cli, "--quiet", "--speakers", "--in", "jsonl", path], check=True,
                         stdout=subprocess.PIPE).stdout.decode("utf-8")
    return [json.loads(line) for line in out.splitlines()]


def test_speakers_are_the_clis(cli, tmp_path):
    path = tmp_path / "docs.jsonl"
    texts = [SEED_TEXT] + UNICODE_TEXTS
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": "d%d" % i, "text": t}) + "\n")
    mine = [s.to_record("d%d" % i) for i, t in enumerate(texts) for s in whosaid.speakers(t)]
    assert mine == cli_speakers(cli, str(path))


def test_seed_speakers_and_counts():
    got = [(s.name, s.kind, s.gender, s.direct, s.indirect, s.total)
           for s in whosaid.speakers(SEED_TEXT)]
    assert got == [("Pete Hegseth", "person", "male", 6, 1, 7),
                   ("Donald Trump", "person", "male", 2, 1, 3),
                   ("John Healey", "person", "male", 1, 0, 1),
                   ("Boris Pistorius", "person", "male", 1, 0, 1),
                   ("Dovile Sakaliene", "person", "female", 2, 1, 3)]


@pytest.mark.parametrize("text", [SEED_TEXT] + UNICODE_TEXTS)
def test_speakers_agree_with_extract(text):
    quotes = whosaid.extract(text)
    for s in whosaid.speakers(text):
        assert text[s.start:s.end] == s.name
        assert s.total == len(s.quotes) == s.direct + s.indirect
        assert s.direct == sum(quotes[i].type == "direct" for i in s.quotes)
        assert all(quotes[i].speaker == s.name for i in s.quotes)
        for span in s.titles + s.affiliations + s.gender_evidence + s.mentions:
            assert text[span.start:span.end] == span.text
            assert text.encode()[span.byte_start:span.byte_end].decode() == span.text


def test_speakers_of_the_types_asked_for():
    direct = whosaid.speakers(SEED_TEXT, types="direct")
    assert [s.total for s in direct] == [6, 2, 1, 1, 2]
    assert all(s.indirect == 0 for s in direct)
    assert whosaid.speakers("No one spoke.") == []


# ---- to_dataframe ---------------------------------------------------------------

def test_to_dataframe_with_pandas():
    pandas = pytest.importorskip("pandas", reason="python3-pandas is not installed")
    quotes = whosaid.extract(SEED_TEXT)
    frame = whosaid.to_dataframe(quotes)
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == [f.name for f in dataclasses.fields(whosaid.Quote)]
    assert len(frame) == len(quotes) == 15
    assert frame["quote"].tolist() == [q.quote for q in quotes]
    assert frame["start"].tolist() == [q.start for q in quotes]
    assert str(frame["start"].dtype) == "Int64"
    assert (frame["speaker"] == "Pete Hegseth").sum() == 7
    empty = whosaid.to_dataframe([])
    assert len(empty) == 0 and list(empty.columns) == list(frame.columns)
    (q,) = whosaid.extract('The weather was fine today.\n\n"We are closed."')
    row = whosaid.to_dataframe([q]).iloc[0]
    assert row["speaker"] is None and row["cue_start"] is pandas.NA
    with pytest.raises(TypeError):
        whosaid.to_dataframe(["not a quote"])


def test_to_dataframe_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ImportError) as info:
        whosaid.to_dataframe(whosaid.extract(SEED_TEXT))
    assert "needs pandas" in str(info.value) and "python3-pandas" in str(info.value)
    assert whosaid.extract(SEED_TEXT)  # the rest still works


# ---- type hints -------------------------------------------------------------------

def public_callables():
    for name in whosaid.__all__:
        obj = getattr(whosaid, name)
        if inspect.isclass(obj):
            if issubclass(obj, BaseException):
                yield name + ".__init__", obj.__init__
            for attr, member in vars(obj).items():
                if inspect.isfunction(member) and (not attr.startswith("_") or attr == "__init__"):
                    yield "%s.%s" % (name, attr), member
        elif inspect.isfunction(obj):
            yield name, obj
    import whosaid.dask as D
    for name in ("run", "process_shard", "shard_name", "shard_output", "main"):
        yield "dask." + name, getattr(D, name)


@pytest.mark.parametrize("name,fn", list(public_callables()))
def test_public_callables_are_annotated(name, fn):
    hints = typing.get_type_hints(fn)  # every annotation resolves
    params = [p for p in inspect.signature(fn).parameters.values()
              if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    missing = [p.name for p in params if p.name not in hints]
    assert not missing, "%s: no annotation for %s" % (name, missing)
    if name.split(".")[-1] != "__init__":
        assert "return" in hints, "%s: no return annotation" % name


def test_dataclasses_are_annotated():
    for cls in (whosaid.Quote, whosaid.Speaker, whosaid.TextSpan, whosaid.Stats,
                whosaid.Failure):
        hints = typing.get_type_hints(cls)
        assert set(hints) >= {f.name for f in dataclasses.fields(cls)}


def test_py_typed_marker():
    assert os.path.isfile(os.path.join(PYTHON_DIR, "whosaid", "py.typed"))
