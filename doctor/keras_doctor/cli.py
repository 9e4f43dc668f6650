"""keras-doctor PATH [--json]: the command."""
from __future__ import annotations

import argparse
import sys

from .errors import DoctorError
from .findings import diagnose
from .report import render, to_json


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="keras-doctor",
        description="Read a saved Keras model statically (never loading or running it) and "
                    "say what it holds and which page answers its case.")
    parser.add_argument("path", help=".h5, .keras, SavedModel directory or TF.js model.json")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        report = diagnose(args.path)
    except DoctorError as exc:
        _error(f"{args.path}: {exc}")
        return 2
    except MemoryError:
        _error(f"{args.path}: too large to read")
        return 2
    except Exception as exc:  # a file this tool did not foresee: still one line, no traceback
        _error(f"{args.path}: cannot read it ({type(exc).__name__}: "
               f"{(str(exc).splitlines() or [''])[0]})")
        return 2
    out = to_json(report) if args.json else render(report)
    sys.stdout.write(out + "\n")
    sys.stdout.flush()
    return 0


def _error(message: str) -> None:
    sys.stdout.flush()
    sys.stderr.write(f"keras-doctor: error: {message}\n")
    sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
