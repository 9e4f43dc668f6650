"""What every reader shares: size limits and JSON."""
from __future__ import annotations

import json
import os

from ..errors import DoctorError
from ..tables import MAX_CONFIG_BYTES


def load_json(text: bytes | str, what: str):
    if len(text) > MAX_CONFIG_BYTES:
        raise DoctorError(f"{what} is too large ({len(text) // 2**20} MiB; the limit is "
                          f"{MAX_CONFIG_BYTES // 2**20} MiB)")
    try:
        return json.loads(text)
    except RecursionError:
        raise DoctorError(f"{what} is nested too deeply to be a model config") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DoctorError(f"{what} is not valid JSON (truncated or corrupt?): "
                          f"{str(exc).splitlines()[0]}") from None


def check_size(path: str, what: str):
    size = os.path.getsize(path)
    if size > MAX_CONFIG_BYTES:
        raise DoctorError(f"{what} is too large ({size // 2**20} MiB; the limit is "
                          f"{MAX_CONFIG_BYTES // 2**20} MiB)")
