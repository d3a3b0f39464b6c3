"""whosaid.process_file over ws_run: records, statistics, errors."""

import json
import os
import subprocess

import pytest

from conftest import document_text, needs_ws_run, read_zst_records, write_shards
import whosaid
import whosaid._native as N
import whosaid.dask as wd

needs_run = needs_ws_run()


def records_of(path):
    if path.endswith(".zst"):
        return read_zst_records(path)
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@needs_run
def test_jsonl_records_and_stats(tmp_path):
    (path,), ids = write_shards(str(tmp_path), 1, 30)
    out = str(tmp_path / "out.jsonl")
    stats = whosaid.process_file(path, out, threads=2)
    assert stats.documents_read == stats.documents_processed == 30
    assert stats.documents_failed == stats.documents_skipped == 0
    assert stats.quotations == stats.quotations_direct == 30
    assert stats.bytes_in == os.path.getsize(path)
    recs = records_of(out)
    assert sorted(r["doc"] for r in recs) == sorted(ids)
    assert stats.bytes_out == os.path.getsize(out)
    expected = [q.to_record("s00-d%04d" % n) for n in range(30)
                for q in whosaid.extract(document_text(0, n))]
    assert recs == expected


@needs_run
def test_same_records_as_cli_compressed(tmp_path, cli):
    (path,), _ = write_shards(str(tmp_path), 1, 20)
    out = str(tmp_path / "out.jsonl.zst")
    whosaid.process_file(path, out)
    with open(out, "rb") as f:
        assert f.read(4) == b"\x28\xb5\x2f\xfd"  # a zstd frame
    cli_out = subprocess.run([cli, path], check=True, stdout=subprocess.PIPE).stdout
    assert records_of(out) == [json.loads(line) for line in cli_out.decode().splitlines()]


@needs_run
def test_failed_documents_are_counted_not_raised(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "good", "text": document_text(0, 0)}) + "\n"
                    + "this line is no JSON\n"
                    + json.dumps({"id": "notext"}) + "\n"
                    + json.dumps({"id": "also-good", "text": document_text(0, 1)}) + "\n")
    stats = whosaid.process_file(str(path), str(tmp_path / "out.jsonl"))
    assert (stats.documents_read, stats.documents_processed, stats.documents_failed) == (4, 2, 2)
    assert stats.failed_by["json"] == 2
    assert sum(stats.failed_by.values()) == 2
    assert [(f.line, f.error) for f in stats.failures] == [(2, "json"), (3, "json")]
    assert all(f.source == str(path) and f.message for f in stats.failures)
    assert [r["doc"] for r in records_of(str(tmp_path / "out.jsonl"))] == ["good", "also-good"]


@needs_run
def test_text_input_and_types(tmp_path):
    text = 'He said that taxes would rise. "Not so," said Ann Lee. Zoë left 🚀.'
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    out = str(tmp_path / "out.jsonl")
    stats = whosaid.process_file(str(path), out, input="text", types=["direct"])
    assert stats.documents_read == 1 and stats.quotations_indirect == 0
    expected = [q.to_record(str(path)) for q in whosaid.extract(text, types=["direct"])]
    assert records_of(out) == expected


@needs_run
def test_several_inputs_in_order(tmp_path):
    paths, ids = write_shards(str(tmp_path), 3, 5)
    out = str(tmp_path / "out.jsonl.gz")
    stats = whosaid.process_file(paths, out, threads=3)
    assert stats.documents_read == 15
    import gzip
    with gzip.open(out, "rt", encoding="utf-8") as f:
        docs = [json.loads(line)["doc"] for line in f]
    assert docs == sorted(ids)


@needs_run
def test_errors_that_stop_a_run_raise(tmp_path):
    (path,), _ = write_shards(str(tmp_path), 1, 2)
    with pytest.raises(whosaid.WhosaidError) as info:
        whosaid.process_file(str(tmp_path / "missing.jsonl"), str(tmp_path / "o.jsonl"))
    assert info.value.name == "io" and "missing.jsonl" in str(info.value)
    with pytest.raises(whosaid.WhosaidError) as info:
        whosaid.process_file(path, str(tmp_path / "no-such-dir" / "o.jsonl"))
    assert info.value.name == "io"
    with pytest.raises(ValueError):
        whosaid.process_file(path, str(tmp_path / "o.jsonl"), input="pdf")
    with pytest.raises(ValueError):
        whosaid.process_file(path, str(tmp_path / "o.jsonl"), threads=-1)


def test_stats_add_up_and_round_trip():
    a = whosaid.Stats(documents_read=2, documents_failed=1, quotations=3)
    a.failed_by["json"] = 1
    b = whosaid.Stats(documents_read=5, bytes_in=10)
    b.skipped_by["not_html"] = 4
    c = a + b
    assert (c.documents_read, c.documents_failed, c.quotations, c.bytes_in) == (7, 1, 3, 10)
    assert c.failed_by["json"] == 1 and c.skipped_by["not_html"] == 4
    assert whosaid.Stats.from_dict(json.loads(json.dumps(c.to_dict()))) == c


@needs_run
def test_reason_keys_are_the_library_keys_everywhere(tmp_path, cli):
    """The failure and skip reasons are keyed alike by the library
    (ws_status_key, ws_skip_key), the CLI's --stats, Stats and the
    statistics whosaid.dask keeps per shard."""
    assert list(N.STATUS_KEYS) == [N.lib.ws_status_key(k).decode()
                                   for k in range(N.WS_STATUS_COUNT)]
    assert list(N.SKIP_KEYS) == [N.lib.ws_skip_key(k).decode() for k in range(N.WS_SKIP_COUNT)]
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "good", "text": document_text(0, 0)}) + "\n"
                    + "this line is no JSON\n")
    stats_file = tmp_path / "stats.json"
    done = subprocess.run([cli, "--quiet", "--stats", str(stats_file), "-o",
                           str(tmp_path / "cli.jsonl"), str(path)])
    assert done.returncode == 1
    with open(stats_file, encoding="utf-8") as f:
        from_cli = json.load(f)
    stats = whosaid.process_file(str(path), str(tmp_path / "py.jsonl"))
    assert from_cli["failed_by"] == stats.failed_by
    assert from_cli["skipped_by"] == stats.skipped_by
    assert from_cli["failed_by"]["json"] == 1 and "nomem" in from_cli["failed_by"]
    out_dir = tmp_path / "shards"
    out_dir.mkdir()
    wd.process_shard(str(path), str(out_dir))
    with open(out_dir / ("mixed" + wd.STATS_SUFFIX), encoding="utf-8") as f:
        from_dask = json.load(f)
    assert from_dask["failed_by"] == from_cli["failed_by"]
    assert from_dask["skipped_by"] == from_cli["skipped_by"]
