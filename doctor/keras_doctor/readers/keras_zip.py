"""The Keras 3 zip format (.keras): config.json and metadata.json."""
from __future__ import annotations

import zipfile

from ..errors import DoctorError
from ..tables import MAX_CONFIG_BYTES, MAX_ZIP_ENTRIES
from .common import load_json, too_large


def is_zip(path: str) -> bool:
    """As Keras asks (zipfile.is_zipfile): an end-of-central-directory record at the end;
    data before the archive (a prefix) is allowed, as zipfile allows it."""
    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False


def _entries(path: str) -> int:
    """How many entries the central directory declares, before zipfile builds one object
    for each."""
    with open(path, "rb") as fp:
        rec = zipfile._EndRecData(fp)  # the record zipfile itself reads first
    if not rec:
        raise DoctorError("cannot open as a zip file (truncated or corrupt?)")
    return rec[zipfile._ECD_ENTRIES_TOTAL]


def _member(z: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, decompressed a chunk at a time up to the limit: the size the
    directory declares is not trusted."""
    try:
        with z.open(name) as f:
            out, size = [], 0
            while True:
                chunk = f.read(1 << 20)
                if not chunk:
                    return b"".join(out)
                size += len(chunk)
                if size > MAX_CONFIG_BYTES:
                    raise too_large(name, size)
                out.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError) as exc:
        raise DoctorError(f"cannot read {name} from the zip (truncated or corrupt?): "
                          f"{(str(exc).splitlines() or [''])[0]}") from None


def read_keras_zip(path: str) -> dict:
    if _entries(path) > MAX_ZIP_ENTRIES:
        raise DoctorError(f"a zip file with more than {MAX_ZIP_ENTRIES} entries: not a .keras "
                          "model file")
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DoctorError(f"cannot open as a zip file (truncated or corrupt?): {exc}") from None
    with z:
        names = set(z.namelist())
        if "config.json" not in names:
            raise DoctorError("a zip file without config.json: not a .keras model file")
        config = load_json(_member(z, "config.json"), "config.json")
        meta = load_json(_member(z, "metadata.json"), "metadata.json") if "metadata.json" in names else {}
    meta = meta if isinstance(meta, dict) else {}
    return {"format": "keras", "config": config, "keras_version": meta.get("keras_version"),
            "backend": None}
