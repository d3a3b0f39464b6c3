"""Puts a copy of libwhosaid.so into the package when one is at hand, so
that `pip install ./python` after `make` gives a package that works on its
own. Nothing is compiled: the library is built by the C build (make).

The copy comes from $WHOSAID_LIB, else ../build/libwhosaid.so (pip builds
a local directory in place). Without either, the package installs without
it and finds the library at run time ($WHOSAID_LIB).

A wheel that bundles the library holds machine code: it is tagged for the
platform it was built on (py3-none-linux_x86_64, say: any Python 3, as
ctypes needs no particular ABI, but this machine's kind only) and
installed as platform-specific (Root-Is-Purelib: false). Without the
library the wheel is pure Python (py3-none-any)."""

import os
import shutil

from setuptools import Distribution, setup
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


class BinaryDistribution(Distribution):
    """Platform-specific when the library goes in: setuptools then installs
    into platlib and bdist_wheel tags the wheel for the platform."""

    def has_ext_modules(self):
        return library_to_bundle() is not None


cmdclass = {"build_py": BuildWithLibrary}
try:
    from wheel.bdist_wheel import bdist_wheel

    class PlatformWheel(bdist_wheel):
        def get_tag(self):
            # Not tied to one CPython ABI (no extension module, only a
            # ctypes library): py3-none-PLATFORM rather than cp311-cp311-.
            impl, abi, plat = super().get_tag()
            return ("py3", "none", plat) if not self.root_is_pure else (impl, abi, plat)

    cmdclass["bdist_wheel"] = PlatformWheel
except ImportError:  # no wheel package: sdist and plain installs still work
    pass

setup(cmdclass=cmdclass, distclass=BinaryDistribution)
