"""whosaid.dask: atomic shards, a LocalCluster, the command line, and a
real scheduler with two workers, one of them killed in the middle."""

import collections
import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import PYTHON_DIR, document_text, needs_ws_run, read_zst_records, write_shards
import whosaid
import whosaid._native as N
import whosaid.dask as wd

distributed = pytest.importorskip("distributed")
needs_run = needs_ws_run()


def output_docs(out_dir):
    """doc id -> number of records, over every finished shard."""
    counts = collections.Counter()
    for name in sorted(os.listdir(out_dir)):
        if name.endswith(wd.OUTPUT_SUFFIX) and not name.startswith("."):
            counts.update(r["doc"] for r in read_zst_records(os.path.join(out_dir, name)))
    return counts


def check_every_document_once(out_dir, ids):
    counts = output_docs(out_dir)
    assert set(counts) == ids
    assert set(counts.values()) == {1}
    leftovers = [n for n in os.listdir(out_dir) if n.startswith(".")]
    assert leftovers == []


def worker_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = PYTHON_DIR + os.pathsep + env.get("PYTHONPATH", "")
    env["WHOSAID_LIB"] = os.path.abspath(N.library_path)
    return env


# ---- shards, without a cluster --------------------------------------------------

def test_shard_names():
    assert wd.shard_name("/data/news-01.warc.gz") == "news-01"
    assert wd.shard_name("a/b/part.jsonl") == "part"
    assert wd.shard_name("x.jsonl.zst") == "x"
    assert wd.shard_name("page.html") == "page"
    assert wd.shard_name("README") == "README"
    with pytest.raises(ValueError):
        wd._check_shards(["a/part.jsonl", "b/part.jsonl"])


def test_failed_shard_leaves_nothing_and_reruns(tmp_path, monkeypatch):
    (path,), ids = write_shards(str(tmp_path), 1, 5)
    out = tmp_path / "out"
    out.mkdir()

    def dies_half_way(src, tmp, **kw):
        with open(tmp, "wb") as f:
            f.write(b"partial")
        raise RuntimeError("worker lost")

    monkeypatch.setattr(wd, "process_file", dies_half_way)
    with pytest.raises(RuntimeError):
        wd.process_shard(path, str(out))
    assert os.listdir(out) == []


@needs_run
def test_finished_shard_is_not_run_again(tmp_path, monkeypatch):
    (path,), ids = write_shards(str(tmp_path), 1, 5)
    out = tmp_path / "out"
    out.mkdir()
    first = wd.process_shard(path, str(out))
    assert first.documents_read == 5
    check_every_document_once(str(out), ids)

    def must_not_run(*a, **kw):
        raise AssertionError("a finished shard was run again")

    monkeypatch.setattr(wd, "process_file", must_not_run)
    assert wd.process_shard(path, str(out)) == first


# ---- a LocalCluster ----------------------------------------------------------------

@pytest.fixture(scope="module")
def local_client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=2, processes=False,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@needs_run
def test_local_cluster_over_shards(tmp_path, local_client):
    paths, ids = write_shards(str(tmp_path), 8, 40)
    out = str(tmp_path / "out")
    stats = wd.run(local_client, paths, out)
    assert stats.documents_read == stats.documents_processed == stats.quotations == 320
    assert stats.bytes_in == sum(os.path.getsize(p) for p in paths)
    check_every_document_once(out, ids)

    # A rerun skips every shard: the files stay as they are, the figures
    # come from the shards' statistics.
    mtimes = {n: os.stat(os.path.join(out, n)).st_mtime_ns for n in os.listdir(out)}
    assert wd.run(local_client, paths, out) == stats
    assert {n: os.stat(os.path.join(out, n)).st_mtime_ns for n in os.listdir(out)} == mtimes


@needs_run
def test_local_cluster_reports_failed_shards(tmp_path, local_client):
    paths, ids = write_shards(str(tmp_path), 2, 3)
    missing = str(tmp_path / "missing.jsonl")
    out = str(tmp_path / "out")
    with pytest.raises(wd.ShardError) as info:
        wd.run(local_client, paths + [missing], out, retries=1)
    assert list(info.value.errors) == [missing]
    assert isinstance(info.value.errors[missing], whosaid.WhosaidError)
    check_every_document_once(out, ids)  # the good shards are complete


@needs_run
def test_command_line_with_local_cluster(tmp_path):
    paths, ids = write_shards(str(tmp_path), 3, 10)
    out = str(tmp_path / "out")
    done = subprocess.run([sys.executable, "-m", "whosaid.dask", "--workers", "1", "-o", out]
                          + paths, env=worker_env(), stdout=subprocess.PIPE, timeout=120)
    assert done.returncode == 0
    stats = json.loads(done.stdout)
    assert stats["documents_read"] == 30 and stats["quotations"] == 30
    check_every_document_once(out, ids)


# ---- a scheduler and two workers on 127.0.0.1, one killed in the middle -------

def wait_for(what, predicate, timeout=30.0):
    """Poll predicate() until it returns something true (no test result
    depends on how long it takes; the timeout only stops a hang)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting for " + what)
        time.sleep(0.02)


def open_writer_when_read(fifo):
    """An fd writing into `fifo` once some process has it open for
    reading; None while none has."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as e:
        if e.errno == errno.ENXIO:
            return None
        raise
    os.set_blocking(fd, True)
    return fd


def diagnostics(client, log_path, processes):
    """What a failed cluster test prints: the scheduler's view, the end of
    the dask log, and (where gdb is) the C stacks of live workers."""
    import shutil
    parts = []
    try:
        parts.append("processing: %r" % (client.processing(),))
    except Exception as exc:  # noqa: BLE001
        parts.append("processing: unavailable (%r)" % exc)
    with open(log_path, "rb") as f:
        parts.append(f.read()[-6000:].decode("utf-8", "replace"))
    if shutil.which("gdb"):
        for p in processes.procs[1:]:
            if p.poll() is None:
                parts.append(subprocess.run(
                    ["gdb", "-p", str(p.pid), "-batch", "-ex", "thread apply all bt 6"],
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout[-4000:])
    return "\n".join(parts)


def reads(pid, path):
    """Whether process `pid` has `path` open."""
    fd_dir = "/proc/%d/fd" % pid
    return any(os.path.realpath(os.path.join(fd_dir, fd)) == os.path.realpath(path)
               for fd in os.listdir(fd_dir))


class Processes:
    """Processes this test starts, stopped by process id at the end."""

    def __init__(self):
        self.procs = []

    def start(self, args, log):
        p = subprocess.Popen(args, env=worker_env(), stdout=log, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL)
        self.procs.append(p)
        return p

    def stop_all(self):
        for p in self.procs:
            if p.poll() is None:
                os.kill(p.pid, signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(p.pid, signal.SIGKILL)
                p.wait()


@pytest.fixture
def processes():
    procs = Processes()
    yield procs
    procs.stop_all()


@needs_run
def test_scheduler_two_workers_one_killed(tmp_path, processes):
    paths, ids = write_shards(str(tmp_path), 10, 200)
    # One more shard is a named pipe: whichever worker takes it blocks
    # reading it until this test writes, so the test knows a worker that
    # is in the middle of a task, and kills it there.
    fifo = str(tmp_path / "shard-pipe.jsonl")
    os.mkfifo(fifo)
    pipe_ids = {"pipe-d%04d" % n for n in range(50)}
    pipe_data = "".join(json.dumps({"id": i, "text": document_text(99, n)}) + "\n"
                        for n, i in enumerate(sorted(pipe_ids))).encode()
    out = str(tmp_path / "out")
    sched_file = str(tmp_path / "scheduler.json")
    log = open(tmp_path / "dask.log", "wb")

    processes.start(["dask-scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", sched_file], log)
    wait_for("the scheduler file", lambda: os.path.exists(sched_file))
    # --no-nanny: the pid started is the worker itself, and nothing
    # restarts it once killed.
    workers = [processes.start(["dask-worker", "--scheduler-file", sched_file, "--host",
                                "127.0.0.1", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                "--name", "w%d" % i, "--local-directory",
                                str(tmp_path / "work")], log)
               for i in range(2)]
    client = distributed.Client(scheduler_file=sched_file, timeout=60)
    try:
        client.wait_for_workers(2, timeout=60)
        pids = client.run(os.getpid)  # worker address -> pid
        assert sorted(pids.values()) == sorted(w.pid for w in workers)

        result = {}

        def job_body():
            try:
                result["stats"] = wd.run(client, paths + [fifo], out)
            except BaseException as exc:  # reported by the main thread
                result["error"] = exc

        job = threading.Thread(target=job_body)
        job.start()

        fd = wait_for("a worker reading the pipe", lambda: open_writer_when_read(fifo))
        key = wait_for("the pipe's task", lambda: [
            (addr, k) for addr, keys in client.processing().items() for k in keys
            if "shard-pipe" in str(k)])
        victim = pids[key[0][0]]
        assert reads(victim, fifo)  # the worker is in the middle of the shard
        os.kill(victim, signal.SIGKILL)
        (killed,) = [w for w in workers if w.pid == victim]
        (survivor,) = [w for w in workers if w.pid != victim]
        assert killed.wait(timeout=30) == -signal.SIGKILL
        # The task goes to the other worker. This end of the pipe stays
        # open meanwhile, so that the other worker never reads an end of
        # file before the documents; they are written once it reads.
        wait_for("the other worker reading the pipe", lambda: reads(survivor.pid, fifo))
        os.write(fd, pipe_data)
        os.close(fd)
        job.join(timeout=120)
        assert not job.is_alive()
    except BaseException:
        print(diagnostics(client, tmp_path / "dask.log", processes))
        raise
    finally:
        client.close()

    assert "error" not in result, result["error"]
    stats = result["stats"]
    assert stats.documents_read == stats.quotations == 10 * 200 + 50
    check_every_document_once(out, ids | pipe_ids)
