"""Shared set-up of the binding's tests: paths and generated corpora."""

import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.dirname(HERE)
ROOT = os.path.dirname(PYTHON_DIR)
# The seed article and its gold records (a copy of ../shared/corpus/seed/
# seed.jsonl): the tests need it, so it is in the repository.
SEED = os.path.join(ROOT, "tests", "seed", "seed.jsonl")
# External corpora (PolNeAR): not in the repository; their tests skip
# when they are absent.
SHARED = os.environ.get("WHOSAID_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))

# The package under test is the one in this tree, whatever is installed.
sys.path.insert(0, PYTHON_DIR)


def cli_path():
    return os.environ.get("WHOSAID_CLI", os.path.join(ROOT, "build", "whosaid"))


@pytest.fixture(scope="session")
def cli():
    path = cli_path()
    if not os.access(path, os.X_OK):
        pytest.fail("no CLI at %s: run make (or set WHOSAID_CLI)" % path)
    return path


def external_corpus(name, *parts):
    """The path of a file of the external corpora (SHARED/corpus/PARTS),
    or a skip of the calling test with one line naming what is missing."""
    path = os.path.join(SHARED, "corpus", *parts)
    if not os.path.exists(path):
        pytest.skip("%s: %s not found (an external corpus; set WHOSAID_SHARED)" % (name, path))
    return path


def needs_ws_run():
    """Skip marker for the tests of ws_run while the library lacks it."""
    import whosaid._native as N
    return pytest.mark.skipif(not hasattr(N.lib, "ws_run"),
                              reason="%s has no ws_run yet" % N.library_path)


def document_text(shard, n):
    """A generated document with exactly one direct quotation, unique to
    (shard, n)."""
    return ('The council met on Tuesday. "We will finish part %d of batch %d before '
            'the winter," said Maria Lopez, the council chair.' % (n, shard))


def write_shards(directory, shards, docs_per_shard):
    """JSONL shards shard-XX.jsonl of generated documents with ids
    'sXX-dYYYY'. Returns the list of paths and the set of ids."""
    paths, ids = [], set()
    for s in range(shards):
        path = os.path.join(directory, "shard-%02d.jsonl" % s)
        with open(path, "w", encoding="utf-8") as f:
            for n in range(docs_per_shard):
                doc_id = "s%02d-d%04d" % (s, n)
                ids.add(doc_id)
                f.write(json.dumps({"id": doc_id, "text": document_text(s, n)}) + "\n")
        paths.append(path)
    return paths, ids


def read_zst_records(path):
    """The JSON records of a .jsonl.zst file (decompressed with the zstd
    command or the zstandard module, whichever there is)."""
    import shutil
    import subprocess
    if shutil.which("zstd"):
        data = subprocess.run(["zstd", "-dc", path], check=True, stdout=subprocess.PIPE).stdout
    else:
        import zstandard
        with open(path, "rb") as f:
            data = zstandard.ZstdDecompressor().stream_reader(f).read()
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line]
