"""What every reader shares: size limits, JSON within bounds, strings from the file."""
from __future__ import annotations

import json
import os
import re
import sys

from ..errors import DoctorError
from ..tables import (MAX_CONFIG_BYTES, MAX_FUNCTIONS, MAX_JSON_DEPTH, MAX_JSON_ITEMS,
                      MAX_JSON_OBJECTS)

# a stored Python function: Keras 3's {"class_name": "__lambda__"}, Keras 2's "function_type":
# "lambda" (only a JSON string token can match: a quote inside a string is escaped)
STORED_FUNCTION = re.compile(rb'"__lambda__"|"function_type"[ \t\r\n]*:[ \t\r\n]*"lambda"')


def too_large(what: str, size: int, limit: int = MAX_CONFIG_BYTES) -> DoctorError:
    """The size is the true one: measured, or the size the file declares for it."""
    return DoctorError(f"{what} is too large ({size} bytes; the limit is {limit} bytes, "
                       f"{limit // 2**20} MiB)")


def load_json(text: bytes | str, what: str):
    """json.loads, bounded: its size, how many objects it would build, how deep it nests.
    NaN and Infinity (Python's json writes them) are read as null: no value is echoed."""
    if len(text) > MAX_CONFIG_BYTES:
        raise too_large(what, len(text))
    if isinstance(text, bytes) and json.detect_encoding(text) != "utf-8":
        try:  # UTF-16 or UTF-32, or a UTF-8 byte order mark: json.loads(bytes) reads them
            text = text.decode(json.detect_encoding(text))
        except UnicodeDecodeError as exc:
            raise DoctorError(f"{what} is not valid JSON (truncated or corrupt?): {exc}") from None
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    objects = raw.count(b"{")
    items = objects + raw.count(b"[") + raw.count(b",")
    if objects > MAX_JSON_OBJECTS or items > MAX_JSON_ITEMS:
        raise DoctorError(f"{what} holds too many values to be a model config ({objects} "
                          f"objects, {items} items; the limits are {MAX_JSON_OBJECTS} and "
                          f"{MAX_JSON_ITEMS})")
    functions = len(STORED_FUNCTION.findall(raw))
    if functions > MAX_FUNCTIONS:
        raise DoctorError(f"{what} stores {functions} Python functions as bytecode (Lambda "
                          f"layers and the like; the limit is {MAX_FUNCTIONS}): not read")
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(_depth() + MAX_JSON_DEPTH)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise DoctorError(f"{what} is nested too deeply to be a model config") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DoctorError(f"{what} is not valid JSON (truncated or corrupt?): "
                          f"{str(exc).splitlines()[0]}") from None
    finally:
        sys.setrecursionlimit(old)


def _depth() -> int:
    frame, n = sys._getframe(), 0
    while frame is not None:
        frame, n = frame.f_back, n + 1
    return n


def _no_constant(name: str):
    return None


def check_size(path: str, what: str, limit: int = MAX_CONFIG_BYTES):
    size = os.path.getsize(path)
    if size > limit:
        raise too_large(what, size, limit)


def text(value) -> str | None:
    """A string from the file, or None: values of any other type are not echoed."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value if isinstance(value, str) else None
