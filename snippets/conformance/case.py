"""The conformance corpus's helper: a case is a folder holding one small model file (or a
SavedModel directory, or a model.json), and the doctor's JSON report on it, printed."""
import contextlib
import io
import json
import os
import shutil

from keras_doctor import main


def case(name: str) -> str:
    """A fresh folder for the case; the snippet saves its model file into it."""
    shutil.rmtree(name, ignore_errors=True)
    os.makedirs(name)
    return name


def report(name: str, path: str) -> None:
    """Print the case's report, as `keras-doctor PATH --json` prints it inside the case folder."""
    here = os.getcwd()
    os.chdir(name)
    try:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main([path, "--json"]) == 0
    finally:
        os.chdir(here)
    with open(os.path.join(name, "case.json"), "w") as f:
        json.dump({"path": path}, f)
    print(f"== case {name}")
    print(out.getvalue(), end="")
