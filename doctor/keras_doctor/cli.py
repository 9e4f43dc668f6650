"""keras-doctor PATH [--json | --format text|json|sarif] [--fail-on ...]: the command."""
from __future__ import annotations

import argparse
import os
import sys

from . import target
from .errors import DoctorError
from .findings import diagnose
from .report import _escape as escape_line
from .report import clean, render, to_json
from .sarif import to_sarif


EXIT_CODES = """exit status:
  0  the file was read (and, with --fail-on, no finding at that level)
  1  --fail-on error: a finding of severity error; --fail-on warning: of error or warning
  2  the file could not be read, or the command was used wrongly (one line on stderr)"""


def main(argv: list[str] | None = None) -> int:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="keras-doctor", epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read a saved Keras model statically (never loading or running it) and "
                    "say what it holds and which page answers its case.")
    parser.add_argument("--version", action="version", version=f"keras-doctor {__version__}")
    parser.add_argument("path", help=".h5, .keras (or its unzipped folder), SavedModel "
                                     "directory or TF.js model.json")
    parser.add_argument("--json", action="store_true", help="print one JSON object (--format json)")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default=None,
                        help="text (default), json, or sarif (SARIF 2.1.0, for code scanning)")
    parser.add_argument("--fail-on", choices=("error", "warning", "never"), default="never",
                        help="exit 1 when a finding of this severity (or worse) is found "
                             "(default: never)")
    parser.add_argument("--keras", metavar="VERSION",
                        help="the Keras (or tf-keras) version that will load the file, e.g. 3.12: "
                             "what it did with such files in the knowledge base's runs, and the "
                             "advisories that cover it")
    args = parser.parse_args(argv)
    if args.json and args.format not in (None, "json"):
        parser.error("--json and --format are exclusive")
    fmt = "json" if args.json else (args.format or "text")
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
        out = {"json": to_json, "text": render,
               "sarif": lambda r: to_sarif(r, __version__)}[fmt](report)
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
    status = _status(report, args.fail_on)
    if sys.stdout is None:  # started with stdout closed (keras-doctor f.h5 >&-)
        _error(f"{shown}: stdout is closed: nowhere to print the report")
        return 2
    try:
        _write(sys.stdout, out + "\n")
    except BrokenPipeError:  # the reader stopped reading (| head -c1): no more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
    return status


def _status(report: dict, fail_on: str) -> int:
    levels = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}[fail_on]
    return 1 if any(f["severity"] in levels for f in report["findings"]) else 0


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
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        message = " ".join(message.split("\n"))  # one line, whatever the file held
        if sys.stderr is not None:
            _write(sys.stderr, f"keras-doctor: error: {escape_line(message)}\n")
    except (BrokenPipeError, ValueError, OSError):  # nowhere to say it: the status says it
        pass
