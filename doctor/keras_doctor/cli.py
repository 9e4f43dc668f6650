"""keras-doctor PATH [--json]: the command."""
from __future__ import annotations

import argparse
import os
import sys

from . import target
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
    parser.add_argument("--keras", metavar="VERSION",
                        help="the Keras (or tf-keras) version that will load the file, e.g. 3.12: "
                             "what it did with such files in the knowledge base's runs, and the "
                             "advisories that cover it")
    args = parser.parse_args(argv)
    shown = printable_path(args.path)
    if args.keras is not None and not target.known(args.keras):
        _error(f"--keras {printable_path(args.keras)}: not a release the knowledge base runs "
               f"({', '.join(target.versions())})")
        return 2
    try:
        report = diagnose(args.path)
        if args.keras is not None:
            report["target"] = target.target(report, args.keras)
        report = clean(report)
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
