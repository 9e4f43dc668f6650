#!/usr/bin/env python3
"""The pre-commit hook (.pre-commit-hooks.yaml, language: script): keras-doctor on each model
file being committed, from this folder, without installing anything; the commit is refused
when one of them holds an error finding or cannot be read (one line each says why).

    pre_commit_hook.py [keras-doctor options, as --option=value] FILE...

The files are checked with the options given (--fail-on error by default); the status is
the worst: 2 (a file not read), 1 (a finding at the --fail-on level), or 0.
Reading .h5 files needs h5py in the python3 that runs this; .keras and model.json do not."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keras_doctor.cli import main  # noqa: E402


def run(argv: list[str]) -> int:
    if not any(a.startswith("--fail-on") for a in argv):
        argv = [*argv, "--fail-on=error"]
    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
