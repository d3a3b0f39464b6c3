#!/usr/bin/python3
"""The Python binding's overhead: documents/s of whosaid.extract_many
against the CLI (build/whosaid --in jsonl) on the same documents.

    /usr/bin/python3 bench/python_overhead.py [CORPUS_DIR_OR_JSONL] [--repeat N]
    make bench-python

The input is the PolNeAR texts ({train,dev,test}.jsonl under the corpus
directory, default ../shared/corpus/polnear), repeated N times (default
3). Both sides run on one thread: the CLI reads the JSONL file and writes
its records to /dev/null; the binding gets the texts as Python strs
(parsing the JSONL is not timed) and builds every Quote. Each side runs
three times; the best time counts. A ratio over 1 is what the binding
costs over the C code. extract_many on every core is printed as well.
Figures only: nothing is judged.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
os.environ.setdefault("WHOSAID_LIB", os.path.join(ROOT, "build", "libwhosaid.so"))

import whosaid  # noqa: E402


def load(path):
    files = [path] if path.endswith(".jsonl") else [
        os.path.join(path, n + ".jsonl") for n in ("train", "dev", "test")]
    docs = []
    for name in files:
        if os.path.exists(name):
            with open(name, encoding="utf-8") as f:
                docs += [json.loads(line) for line in f if line.strip()]
    if not docs:
        sys.exit("no documents under %s" % path)
    return docs


def best_of(n, fn):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.path.join(
        os.path.dirname(ROOT), "shared", "corpus", "polnear"))
    ap.add_argument("--repeat", type=int, default=3, help="copies of the corpus (3)")
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "whosaid"))
    args = ap.parse_args()

    docs = load(args.corpus) * args.repeat
    texts = [d["text"] for d in docs]
    size = sum(len(t.encode("utf-8")) for t in texts)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": str(i), "text": d["text"]}) + "\n")
        jsonl = f.name
    try:
        def cli():
            subprocess.run([args.cli, "-j", "1", "--quiet", "--in", "jsonl", jsonl, "-o", "/dev/null"],
                           check=True)
        records = []

        def binding():
            records[:] = whosaid.extract_many(texts, threads=1)

        cores = os.cpu_count() or 1
        t_cli = best_of(3, cli)
        t_py = best_of(3, binding)
        t_many = best_of(3, lambda: whosaid.extract_many(texts, threads=cores))
    finally:
        os.unlink(jsonl)

    n = len(texts)
    quotes = sum(len(r) for r in records)
    print("documents        %d (%.1f MB of text, %d quotations)" % (n, size / 1e6, quotes))
    print("library          %s" % whosaid.library_path)
    print("CLI              %.3f s  %8.0f docs/s  (-j 1, JSONL in, records to /dev/null)"
          % (t_cli, n / t_cli))
    print("extract_many     %.3f s  %8.0f docs/s  (threads=1, Quote objects)" % (t_py, n / t_py))
    print("extract_many     %.3f s  %8.0f docs/s  (threads=%d)" % (t_many, n / t_many, cores))
    print("overhead ratio   %.2f  (CLI docs/s over extract_many docs/s, one thread each)"
          % (t_py / t_cli))


if __name__ == "__main__":
    main()
