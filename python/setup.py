"""Puts a copy of libwhosaid.so into the package when one is at hand, so
that `pip install ./python` after `make` gives a package that works on its
own. Nothing is compiled: the library is built by the C build (make).

The copy comes from $WHOSAID_LIB, else ../build/libwhosaid.so (pip builds
a local directory in place). Without either, the package installs without
it and finds the library at run time ($WHOSAID_LIB)."""

import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


def library_to_bundle():
    for path in (os.environ.get("WHOSAID_LIB"),
                 os.path.join(HERE, "..", "build", "libwhosaid.so")):
        if path and os.path.isfile(path):
            return path
    return None


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        lib = library_to_bundle()
        if lib:
            target = os.path.join(self.build_lib, "whosaid", "libwhosaid.so")
            shutil.copyfile(lib, target)


setup(cmdclass={"build_py": BuildWithLibrary})
