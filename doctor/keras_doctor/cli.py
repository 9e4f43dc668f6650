"""keras-doctor PATH... [--json | --format text|json|sarif] [--fail-on ...]: the command."""
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


EXIT_CODES = """exit status (with several files, the worst of them):
  0  the file was read (and, with --fail-on, no finding at that level)
  1  --fail-on error: a finding of severity error; --fail-on warning: of error or warning
  2  the file could not be read, or the command was used wrongly (one line on stderr)

several files: text reports one after the other; json, a JSON array of the reports of the
files read; sarif, one run with every file's results"""


def main(argv: list[str] | None = None) -> int:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="keras-doctor", epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read a saved Keras model statically (never loading or running it) and "
                    "say what it holds and which page answers its case.")
    parser.add_argument("--version", action="version", version=f"keras-doctor {__version__}")
    parser.add_argument("path", nargs="+", help=".h5, .keras (or its unzipped folder), SavedModel "
                                                "directory or TF.js model.json; one or more")
    parser.add_argument("--json", action="store_true", help="print JSON (--format json)")
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
    if args.keras is not None and not target.known(args.keras):
        _error(f"--keras {printable_path(args.keras)}: not a release the knowledge base runs "
               f"({', '.join(target.versions())})")
        return 2
    if sys.stdout is None:  # started with stdout closed (keras-doctor f.h5 >&-)
        _error(f"{printable_path(args.path[0])}: stdout is closed: nowhere to print the report")
        return 2
    reports, worst = [], 0
    for path in args.path:
        report = _read(path, args.keras)
        if report is None:
            worst = 2
            continue
        worst = max(worst, _status(report, args.fail_on))
        if fmt == "text":  # each report as soon as it is read, a blank line between them
            _print(("\n" if reports else "") + render(report))
        reports.append(report)
    if reports and fmt == "json":
        _print(to_json(reports[0] if len(args.path) == 1 else reports))
    elif reports and fmt == "sarif":
        _print(to_sarif(reports, __version__))
    return worst


def _print(text: str) -> None:
    try:
        _write(sys.stdout, text + "\n")
    except BrokenPipeError:  # the reader stopped reading (| head -c1): no more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit


def _read(path: str, keras: str | None) -> dict | None:
    """One file's report (its path as given, printable), or None once one line on stderr
    has said why it could not be read."""
    shown = printable_path(path)
    try:
        report = diagnose(path)
        if keras is not None:
            report["target"] = target.target(report, keras)
        report = clean(report)
        report["path"] = shown
        return report
    except DoctorError as exc:
        _error(f"{shown}: {exc}")
    except MemoryError:
        _error(f"{shown}: too large to read")
    except RecursionError:
        _error(f"{shown}: nested too deeply to be a model")
    except Exception as exc:  # a file this tool did not foresee: still one line, no traceback
        _error(f"{shown}: cannot read it ({type(exc).__name__}: "
               f"{(str(exc).splitlines() or [''])[0]})")
    return None


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
