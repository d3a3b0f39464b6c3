"""whosaid on a Dask cluster: one task per input file (a shard).

    from dask.distributed import Client
    import whosaid.dask
    stats = whosaid.dask.run(Client("tcp://scheduler:8786"), inputs, "out/")

or from a shell (without --scheduler, a LocalCluster on this machine):

    python3 -m whosaid.dask --scheduler tcp://HOST:8786 INPUTS... -o DIR

Each input file is one shard, written to DIR/<shard>.jsonl.zst, where
<shard> is the file's name without its format extensions
(news-01.warc.gz -> news-01.jsonl.zst). A task writes a hidden temporary
file and renames it to its final name only once ws_run has finished, after
the shard's statistics (DIR/<shard>.stats.json) are in place. So:
  * a file named <shard>.jsonl.zst is always complete;
  * a rerun skips the shards that are done (it reads their statistics);
  * a worker killed in the middle of a shard loses nothing: the scheduler
    hands the task to another worker, which starts the shard afresh.
The inputs and DIR must be at the same path on every worker (a shared
file system), and every worker must be able to import whosaid.
"""

import argparse
import json
import os
import sys
import uuid

from typing import Any, Dict, Iterable, Optional, Sequence

from ._extract import ALL_TYPES, Types
from ._run import Path, Stats, process_file

# The extensions that name an input's format, longest first: removed to
# name its shard.
_FORMAT_SUFFIXES = (".warc.gz", ".jsonl.gz", ".jsonl.zst", ".warc", ".jsonl", ".json",
                    ".html", ".htm", ".txt", ".gz", ".zst")
OUTPUT_SUFFIX = ".jsonl.zst"
STATS_SUFFIX = ".stats.json"
# Temporary files are hidden and end in .zst, so that ws_run compresses
# them and a glob for *.jsonl.zst never sees one.
_TMP_MARK = ".tmp-"


def shard_name(path: Path) -> str:
    """The shard an input file makes: its base name without format
    extensions."""
    base = os.path.basename(os.fsdecode(path))
    for suffix in _FORMAT_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return base


def shard_output(out_dir: str, shard: str) -> str:
    return os.path.join(out_dir, shard + OUTPUT_SUFFIX)


def _stats_path(out_dir, shard):
    return os.path.join(out_dir, shard + STATS_SUFFIX)


def _temporary(out_dir, shard, suffix):
    # Unique per attempt: a retried or duplicated task never writes into
    # the file of another attempt of the same shard.
    return os.path.join(out_dir, ".%s%s%s%s" % (shard, _TMP_MARK, uuid.uuid4().hex, suffix))


def _write_json(path, obj, out_dir, shard):
    tmp = _temporary(out_dir, shard, ".json")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _read_stats(out_dir, shard):
    try:
        with open(_stats_path(out_dir, shard), encoding="utf-8") as f:
            return Stats.from_dict(json.load(f))
    except (OSError, ValueError, TypeError):
        return Stats()  # done by hand, or stats lost: its figures are unknown


def process_shard(path: Path, out_dir: str, threads: int = 1, input: Optional[str] = None,
                  types: Types = ALL_TYPES) -> Stats:
    """One task: the records of input `path` into DIR/<shard>.jsonl.zst,
    atomically. Returns the shard's Stats; a shard already done is not run
    again (its recorded Stats are returned)."""
    shard = shard_name(path)
    final = shard_output(out_dir, shard)
    if os.path.exists(final):
        return _read_stats(out_dir, shard)
    tmp = _temporary(out_dir, shard, OUTPUT_SUFFIX)
    try:
        stats = process_file(path, tmp, threads=threads, input=input, types=types)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        _write_json(_stats_path(out_dir, shard), stats.to_dict(), out_dir, shard)
        os.replace(tmp, final)  # the shard is done once this name exists
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return stats


def remove_temporaries(out_dir: str, shards: Iterable[str]) -> None:
    """Remove what killed attempts left behind for the given shards (only
    call when no attempt of them is running)."""
    wanted = set(shards)
    for name in os.listdir(out_dir):
        if name.startswith(".") and _TMP_MARK in name and name[1:].split(_TMP_MARK)[0] in wanted:
            try:
                os.unlink(os.path.join(out_dir, name))
            except FileNotFoundError:
                pass


class ShardError(Exception):
    """Some shards failed after their retries: `errors` maps each input to
    its exception. The other shards are complete in the output directory;
    a rerun does only the failed ones."""

    def __init__(self, errors: Dict[str, BaseException]):
        self.errors = errors
        lines = ["%s: %r" % (path, exc) for path, exc in sorted(errors.items())]
        super().__init__("%d shard(s) failed:\n  %s" % (len(errors), "\n  ".join(lines)))


def _check_shards(inputs):
    seen = {}
    for path in inputs:
        shard = shard_name(path)
        if shard in seen:
            raise ValueError("inputs %s and %s would both write shard %r: rename one"
                             % (seen[shard], path, shard))
        seen[shard] = path
    return seen


def run(client: Any, inputs: Iterable[Path], out_dir: Path, retries: int = 2, threads: int = 1,
        input: Optional[str] = None, types: Types = ALL_TYPES) -> Stats:
    """Process every input file on the cluster behind `client` (a
    dask.distributed Client), one task per file, into
    out_dir/<shard>.jsonl.zst. A task that raises is retried `retries`
    times; a task whose worker dies is rescheduled by Dask. Shards already
    done are skipped. `threads` is ws_run's threads per task (one: the
    worker's --nthreads gives the parallelism; the GIL is released).

    Returns the summed Stats of every shard (those done by an earlier run
    included). Raises ShardError, once every shard has been tried, if some
    failed."""
    from distributed import as_completed

    inputs = [os.path.abspath(os.fsdecode(p)) for p in inputs]
    out_dir = os.path.abspath(os.fsdecode(out_dir))
    os.makedirs(out_dir, exist_ok=True)
    shards = _check_shards(inputs)

    total, todo = Stats(), []
    for shard, path in shards.items():
        if os.path.exists(shard_output(out_dir, shard)):
            total += _read_stats(out_dir, shard)
        else:
            todo.append(path)

    futures = {}
    for path in todo:
        fut = client.submit(process_shard, path, out_dir, threads=threads, input=input,
                            types=tuple(types), retries=retries, pure=False,
                            key="whosaid-%s-%s" % (shard_name(path), uuid.uuid4().hex))
        futures[fut] = path
    errors: Dict[str, BaseException] = {}
    for fut in as_completed(list(futures)):
        try:
            total += fut.result()
        except Exception as exc:  # noqa: BLE001 - reported together below
            errors[futures[fut]] = exc
    remove_temporaries(out_dir, shards)
    if errors:
        raise ShardError(errors)
    return total


# ---- the command line --------------------------------------------------------

def _parse(argv):
    p = argparse.ArgumentParser(
        prog="python3 -m whosaid.dask",
        description="Find the quotations of INPUTS on a Dask cluster: one task per "
                    "file, each writing DIR/<shard>.jsonl.zst; reruns skip finished shards.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input files (text, JSONL, HTML, WARC)")
    p.add_argument("-o", "--out", required=True, metavar="DIR", help="output directory")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="an existing scheduler; without it, a LocalCluster on this machine")
    p.add_argument("--workers", type=int, default=None,
                   help="LocalCluster only: worker processes (default: one per core)")
    p.add_argument("--retries", type=int, default=2, help="retries of a task that fails (2)")
    p.add_argument("--threads", type=int, default=1, help="ws_run threads per task (1)")
    p.add_argument("--in", dest="input", choices=["text", "jsonl", "html", "warc"],
                   help="input format (default: by file name)")
    p.add_argument("--types", default="direct,indirect", help="direct,indirect (both)")
    return p.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parse(argv)
    from distributed import Client, LocalCluster

    if args.scheduler:
        client, cluster = Client(args.scheduler), None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        stats = run(client, args.inputs, args.out, retries=args.retries, threads=args.threads,
                    input=args.input, types=args.types.split(","))
    except ShardError as exc:
        print("whosaid.dask: %s" % exc, file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    json.dump(stats.to_dict(), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 1 if stats.documents_failed else 0


if __name__ == "__main__":
    # Run from the package module, not __main__, so that the functions the
    # tasks call are pickled by reference to whosaid.dask.
    from whosaid import dask as _whosaid_dask
    sys.exit(_whosaid_dask.main())
