"""Readers, one per format; read_any picks one for a path."""
from __future__ import annotations

import os

from ..errors import DoctorError
from .h5 import is_hdf5, read_h5
from .json_model import read_model_json
from .keras_zip import read_keras_zip
from .savedmodel import read_savedmodel


def read_any(path: str) -> dict:
    if not os.path.lexists(path):
        raise DoctorError("no such file or directory")
    if os.path.isdir(path):
        if os.path.isfile(os.path.join(path, "saved_model.pb")) or \
                os.path.isfile(os.path.join(path, "saved_model.pbtxt")):
            return read_savedmodel(path)
        if os.path.isfile(os.path.join(path, "model.json")):
            return read_model_json(os.path.join(path, "model.json"))
        raise DoctorError("a directory that is not a SavedModel (no saved_model.pb) and has "
                          "no model.json")
    if not os.path.isfile(path):
        raise DoctorError("not a regular file")
    try:
        size = os.path.getsize(path)
        if size == 0:
            raise DoctorError("an empty file: not a model")
        if is_hdf5(path):
            return read_h5(path)
        with open(path, "rb") as f:
            head = f.read(64)
    except PermissionError:
        raise DoctorError("permission denied") from None
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return read_keras_zip(path)
    if head.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"{"):
        return read_model_json(path)
    if os.path.basename(path) == "saved_model.pb":
        return read_savedmodel(os.path.dirname(path) or ".")
    if head.startswith(b"PK"):
        raise DoctorError("cannot open as a zip file (truncated or corrupt?)")
    raise DoctorError("not a Keras model file: not HDF5, not a .keras zip, not JSON, not a "
                      "SavedModel directory")
