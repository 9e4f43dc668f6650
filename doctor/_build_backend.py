"""The build backend: setuptools, leaving no build/ or *.egg-info behind in this folder, so a
wheel built from a checkout (uv build doctor, pip wheel doctor) leaves the checkout as it was.
Only what a build made is removed; nothing that was there before."""
import shutil
from pathlib import Path

from setuptools import build_meta
from setuptools.build_meta import *  # noqa: F401,F403  (every hook not wrapped below)

HERE = Path(__file__).resolve().parent


def _leaves_nothing(hook):
    def run(*args, **kwargs):
        before = set(HERE.iterdir())
        try:
            return hook(*args, **kwargs)
        finally:
            for p in set(HERE.iterdir()) - before:
                if p.name == "build" or p.name.endswith(".egg-info"):
                    shutil.rmtree(p, ignore_errors=True)
    return run


build_wheel = _leaves_nothing(build_meta.build_wheel)
build_sdist = _leaves_nothing(build_meta.build_sdist)
build_editable = _leaves_nothing(build_meta.build_editable)
prepare_metadata_for_build_wheel = _leaves_nothing(build_meta.prepare_metadata_for_build_wheel)
prepare_metadata_for_build_editable = _leaves_nothing(build_meta.prepare_metadata_for_build_editable)
