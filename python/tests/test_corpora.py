"""The suite runs on a clone alone: what the tests need is in the
repository (tests/seed/), and the tests over external corpora (PolNeAR in
../shared, or $WHOSAID_SHARED) skip with one line saying what is missing."""

import os
import re
import subprocess
import sys

from conftest import HERE


def test_suite_runs_without_the_shared_corpora(tmp_path):
    # The tests that compare against corpora, run where ../shared is not.
    env = dict(os.environ, WHOSAID_SHARED=str(tmp_path / "no-shared"))
    run = subprocess.run([sys.executable, os.path.join(HERE, "run.py"),
                          "-k", "same_records_as_cli or seed_records"],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True)
    lines = run.stdout.splitlines()
    assert run.returncode == 0, run.stdout
    assert re.fullmatch(r"[1-9][0-9]* passed, 0 failed", lines[-1]), run.stdout
    skips = [line for line in lines if line.startswith("SKIPPED")]
    assert len(skips) == 1 and "PolNeAR" in skips[0], run.stdout
    assert str(tmp_path / "no-shared") in skips[0], run.stdout
