"""keras-doctor PATH [--json]: the command."""
from __future__ import annotations

import argparse
import os
import sys

from .errors import DoctorError
from .findings import diagnose
from .report import _escape as escape_line
from .report import clean, render, to_json


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="keras-doctor",
        description="Read a saved Keras model statically (never loading or running it) and "
                    "say what it holds and which page answers its case.")
    parser.add_argument("path", help=".h5, .keras, SavedModel directory or TF.js model.json")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    shown = printable_path(args.path)
    try:
        report = clean(diagnose(args.path))
        report["path"] = shown
        out = to_json(report) if args.json else render(report)
    except DoctorError as exc:
        _error(f"{shown}: {exc}")
        return 2
    except MemoryError:
        _error(f"{shown}: too large to read")
        return 2
    except RecursionError:
        _error(f"{shown}: nested too deeply to be a model")
        return 2
    except Exception as exc:  # a file this tool did not foresee: still one line, no traceback
        _error(f"{shown}: cannot read it ({type(exc).__name__}: "
               f"{(str(exc).splitlines() or [''])[0]})")
        return 2
    _write(sys.stdout, out + "\n")
    return 0


def printable_path(path: str) -> str:
    """The path as given, valid Unicode: bytes that are not UTF-8 shown as \\xNN."""
    raw = os.fsencode(path)
    return clean(raw.decode("utf-8", "backslashreplace"))


def _write(stream, message: str) -> None:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(message)
    except UnicodeEncodeError:  # a terminal that is not UTF-8
        stream.write(message.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def _error(message: str) -> None:
    sys.stdout.flush()
    message = " ".join(message.split("\n"))  # one line, whatever the file held
    _write(sys.stderr, f"keras-doctor: error: {escape_line(message)}\n")
