"""Run the binding's pytest suite and end with the line tests/run_all.sh
adds up: "N passed, N failed" (skips are listed, one line each with its
reason, and not counted; a collection error counts as a failure).

    /usr/bin/python3 python/tests/run.py [PYTEST ARGS...]
"""

import os
import sys

import pytest


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.failed += 1
        elif report.skipped:
            self.skipped += 1
        elif report.when == "call":
            self.passed += 1

    def pytest_collectreport(self, report):
        if report.failed:
            self.failed += 1


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    tally = Tally()
    rc = pytest.main(["-q", "-rs", "-p", "no:cacheprovider", here] + argv, plugins=[tally])
    if tally.skipped:
        print("(%d skipped)" % tally.skipped)
    if rc not in (0, 1, 5) and not tally.failed:
        tally.failed = 1  # pytest itself failed (usage, internal error)
    print("%d passed, %d failed" % (tally.passed, tally.failed))
    return 0 if tally.failed == 0 and rc in (0, 5) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
