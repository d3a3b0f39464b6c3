"""The wheel of python/: it bundles libwhosaid.so, so it is tagged for
its platform (py3-none-PLATFORM, Root-Is-Purelib: false), installable here,
and works alone; without the library it is pure (py3-none-any)."""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile

import pytest

from conftest import PYTHON_DIR, ROOT
import whosaid


def build_wheel(tmp_path, lib):
    """A wheel of python/ (a copy: a build leaves files behind), through the
    PEP 517 backend, as pip would; returns its path."""
    src = tmp_path / "src"
    shutil.copytree(PYTHON_DIR, src, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info",
                                                                   "__pycache__", "*.so"))
    env = dict(os.environ)
    env.pop("WHOSAID_LIB", None)
    if lib:
        env["WHOSAID_LIB"] = lib
    out = tmp_path / "dist"
    run = subprocess.run(
        [sys.executable, "-c",
         "import sys; from setuptools import build_meta as b; print(b.build_wheel(sys.argv[1]))",
         str(out)], cwd=str(src), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        universal_newlines=True)
    assert run.returncode == 0, run.stdout
    return out / run.stdout.splitlines()[-1]


def library():
    return os.path.abspath(os.environ.get("WHOSAID_LIB")
                           or os.path.join(ROOT, "build", "libwhosaid.so"))


def platform_tag():
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def test_wheel_with_the_library_is_for_its_platform(tmp_path):
    wheel = build_wheel(tmp_path, library())
    assert wheel.name == "whosaid-%s-py3-none-%s.whl" % (whosaid.__version__, platform_tag())
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        meta = z.read("whosaid-%s.dist-info/WHEEL" % whosaid.__version__).decode()
        z.extractall(tmp_path / "site")
    assert {"whosaid/libwhosaid.so", "whosaid/py.typed", "whosaid/_speakers.py"} <= names
    assert "Root-Is-Purelib: false" in meta
    assert "Tag: py3-none-%s" % platform_tag() in meta
    # what it holds works alone: its own library, nothing from this tree
    env = {k: v for k, v in os.environ.items() if k not in ("WHOSAID_LIB", "PYTHONPATH")}
    code = ("import whosaid; print(whosaid.library_path); "
            "print(len(whosaid.extract(open(%r).read())))" % os.path.join(ROOT, "examples",
                                                                           "seed.txt"))
    run = subprocess.run([sys.executable, "-c", code], cwd=str(tmp_path / "site"), env=env,
                         stdout=subprocess.PIPE, universal_newlines=True, check=True)
    path, count = run.stdout.split()
    assert path == str(tmp_path / "site" / "whosaid" / "libwhosaid.so") and count == "15"


def test_wheel_tag_is_installable_here(tmp_path):
    tags = pytest.importorskip("packaging.tags", reason="no packaging module to read tags with")
    wheel = build_wheel(tmp_path, library())
    tag = wheel.name[:-len(".whl")].split("-", 2)[2]
    assert tag.endswith(platform_tag())
    assert tag in {str(t) for t in tags.sys_tags()}


def test_wheel_without_the_library_is_pure(tmp_path):
    # no $WHOSAID_LIB and no ../build/libwhosaid.so next to the copy
    wheel = build_wheel(tmp_path, None)
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as z:
        assert "whosaid/libwhosaid.so" not in z.namelist()
