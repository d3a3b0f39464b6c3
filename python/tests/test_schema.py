"""docs/record.schema.json: the CLI's records validate against it (the
seed, Unicode and unattributed texts, every expected record of
tests/spec.txt, the binding's to_record, and PolNeAR dev when it is there),
and it refuses records that break it."""

import json
import os
import subprocess

import pytest

from conftest import ROOT, SEED, external_corpus
import whosaid
from test_extract import UNICODE_TEXTS

SCHEMA_PATH = os.path.join(ROOT, "docs", "record.schema.json")


@pytest.fixture(scope="module")
def validator():
    import jsonschema  # python3-jsonschema (make test-deps)
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def cli_lines(cli, *args, stdin=None):
    out = subprocess.run([cli, "--quiet"] + list(args), input=stdin, check=True,
                         stdout=subprocess.PIPE).stdout.decode("utf-8")
    return [json.loads(line) for line in out.splitlines()]


def assert_valid(validator, records):
    assert records
    for r in records:
        errors = [e.message for e in validator.iter_errors(r)]
        assert not errors, (r, errors)
        assert r["start"] <= r["end"]  # what the schema cannot say


def test_cli_records_of_the_seed(cli, validator):
    assert_valid(validator, cli_lines(cli, "--in", "jsonl", SEED))


def test_cli_records_of_unicode_and_unattributed_text(cli, validator, tmp_path):
    path = tmp_path / "u.jsonl"
    texts = UNICODE_TEXTS + ['The weather was fine today.\n\n"We are closed."']
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": i, "text": t}) + "\n")  # numeric ids
    records = cli_lines(cli, str(path))
    assert any(r["speaker"] is None and r["cue"] is None for r in records)
    assert_valid(validator, records)
    # a text with invalid UTF-8, from standard input
    assert_valid(validator, cli_lines(cli, stdin=b'\xff "Bad \xc3 bytes," said Ann Lee.'))


def test_expected_records_of_the_spec(validator):
    # spec.txt's inputs hold invalid UTF-8 on purpose; its records do not
    with open(os.path.join(ROOT, "tests", "spec.txt"), "rb") as f:
        records = [json.loads(line) for line in f if line.startswith(b'{"doc"')]
    assert len(records) > 50
    assert_valid(validator, records)


def test_binding_records(validator):
    text = open(os.path.join(ROOT, "examples", "seed.txt"), encoding="utf-8").read()
    assert_valid(validator, [q.to_record("seed") for q in whosaid.extract(text)])


def test_cli_records_of_polnear_dev(cli, validator):
    dev = external_corpus("PolNeAR dev", "polnear", "dev.jsonl")
    assert_valid(validator, cli_lines(cli, "--in", "jsonl", dev))


GOOD = {"doc": "d", "type": "direct", "start": 1, "end": 4, "quote": "Hi,", "speaker": "Ann",
        "speaker_start": 6, "speaker_end": 9, "cue": "said", "cue_start": 10, "cue_end": 14,
        "rule": "quote-comma-speaker-cue"}


@pytest.mark.parametrize("change", [
    {"rule": None}, {"type": "hearsay"}, {"start": -1}, {"end": 4.5}, {"doc": 7},
    {"speaker_end": None}, {"cue_start": None}, {"cue": None}, {"extra": 1},
    {"rule": "Not A Rule"},
])
def test_schema_refuses_broken_records(validator, change):
    assert validator.is_valid(GOOD)
    bad = dict(GOOD, **change)
    if change == {"rule": None}:
        del bad["rule"]  # a field missing
    assert not validator.is_valid(bad), bad
