"""The Keras 3 zip format (.keras): config.json and metadata.json."""
from __future__ import annotations

import zipfile

from ..errors import DoctorError
from ..tables import MAX_CONFIG_BYTES
from .common import load_json


def read_keras_zip(path: str) -> dict:
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DoctorError(f"cannot open as a zip file (truncated or corrupt?): {exc}") from None
    with z:
        names = set(z.namelist())
        if "config.json" not in names:
            raise DoctorError("a zip file without config.json: not a .keras model file")

        def member(name):
            info = z.getinfo(name)
            if info.file_size > MAX_CONFIG_BYTES:
                raise DoctorError(f"{name} is too large ({info.file_size // 2**20} MiB; the "
                                  f"limit is {MAX_CONFIG_BYTES // 2**20} MiB)")
            try:
                return z.read(name)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise DoctorError(f"cannot read {name} from the zip (truncated or corrupt?): "
                                  f"{exc}") from None

        config = load_json(member("config.json"), "config.json")
        meta = load_json(member("metadata.json"), "metadata.json") if "metadata.json" in names else {}
    meta = meta if isinstance(meta, dict) else {}
    return {"format": "keras", "config": config, "keras_version": meta.get("keras_version"),
            "backend": None}
