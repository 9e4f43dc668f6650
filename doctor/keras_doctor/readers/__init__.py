"""Readers, one per format; read_any picks the one Keras would use for a path.

Keras picks its reader by the file name: a ``.keras`` name is opened as a zip, a ``.h5`` or
``.hdf5`` name as HDF5. One file can be both (an HDF5 file with a zip appended, a zip in an
HDF5 user block), so the doctor reads what Keras reads for that name and says when the
content disagrees with it. Other names are read by their content.
"""
from __future__ import annotations

import os
import re

from ..errors import DoctorError
from ..tables import MAX_CONFIG_BYTES, OTHER_FILES, answer_url
from .h5 import hdf5_offset, read_h5
from .json_model import read_model_json
from .keras_zip import is_zip, read_keras_dir, read_keras_zip
from .savedmodel import read_savedmodel

SNIFF_BYTES = 1 << 16  # leading whitespace before a JSON document


def _by_name(path: str, hdf5: bool, zipped: bool) -> dict | None:
    ext = os.path.splitext(path)[1]
    if ext.lower() in (".keras", ".h5", ".hdf5") and ext != ext.lower():
        return _upper_case(path, ext, hdf5, zipped)
    if ext == ".keras":
        if zipped:
            info = read_keras_zip(path)
            if hdf5:
                info["name_mismatch"] = ("KD019", "this .keras file is also an HDF5 file: Keras "
                                         "reads the zip for a .keras name (reported here); "
                                         "renamed .h5, it would load the other model")
            return info
        if hdf5:
            info = read_h5(path)
            info["name_mismatch"] = ("KD018", "named .keras but an HDF5 file: Keras 3 opens "
                                     "a .keras name as a zip and refuses it; rename it .h5")
            return info
        raise DoctorError("named .keras but not a zip file (truncated or corrupt?)")
    if ext in (".h5", ".hdf5"):
        if hdf5:
            info = read_h5(path)
            if zipped:
                info["name_mismatch"] = ("KD019", f"this {ext} file is also a zip archive: Keras "
                                         f"reads the HDF5 model for a {ext} name (reported "
                                         "here); renamed .keras, it would load the other model")
            return info
        if zipped:
            info = read_keras_zip(path)
            info["name_mismatch"] = ("KD018", f"named {ext} but a .keras zip: Keras opens a "
                                     f"{ext} name as HDF5 and fails; rename it .keras")
            return info
    return None


def _upper_case(path: str, ext: str, hdf5: bool, zipped: bool) -> dict | None:
    """A name such as model.KERAS or model.H5: Keras 3 matches the lower-case extension
    exactly and refuses it ("File format not supported"); tf-keras and Keras 2 open any
    name that is not a lower-case .keras zip as HDF5. So the HDF5 model is what runs."""
    low = ext.lower()
    if hdf5:
        info = read_h5(path)
        other = (f"; it also holds a zip, which a lower-case .keras name would load"
                 if zipped else "")
        info["name_mismatch"] = ("KD018", f"named {ext}: Keras 3 picks its reader by the "
                                 "lower-case extension and refuses this name; tf-keras and "
                                 f"Keras 2 read it as HDF5 (reported here){other}")
        return info
    if zipped:
        info = read_keras_zip(path)
        info["name_mismatch"] = ("KD018", f"named {ext}: Keras 3 reads a zip only under a "
                                 "lower-case .keras name and refuses this one; tf-keras and "
                                 f"Keras 2 fail on it (not HDF5); rename it {low}" if low == ".keras"
                                 else f"named {ext} but a .keras zip: Keras refuses it; "
                                 "rename it .keras")
        return info
    return None


def _head(path: str) -> bytes:
    """The file's first bytes after any leading whitespace (JSON allows any amount)."""
    with open(path, "rb") as f:
        for _ in range(MAX_CONFIG_BYTES // SNIFF_BYTES):
            chunk = f.read(SNIFF_BYTES)
            rest = chunk.lstrip(b" \t\r\n")
            if rest or not chunk:
                return rest
        return b""


def read_any(path: str) -> dict:
    if not os.path.lexists(path):
        raise DoctorError("no such file or directory")
    if os.path.isdir(path):
        if os.path.isfile(os.path.join(path, "config.json")):  # Keras 3.5+ looks first
            return read_keras_dir(path)
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
        if os.path.getsize(path) == 0:
            raise DoctorError("an empty file: not a model")
        hdf5 = hdf5_offset(path) is not None
        zipped = is_zip(path)
        info = _by_name(path, hdf5, zipped)
        if info is not None:
            return info
        if hdf5:
            return read_h5(path)
        if zipped:
            return read_keras_zip(path)
        head = _head(path)
    except PermissionError:
        raise DoctorError("permission denied") from None
    if path.lower().endswith(".json") or head.lstrip(b"\xef\xbb\xbf").startswith(b"{"):
        return read_model_json(path)
    if os.path.basename(path) == "saved_model.pb":
        return read_savedmodel(os.path.dirname(path) or ".")
    if head.startswith(b"PK"):
        raise DoctorError("cannot open as a zip file (truncated or corrupt?)")
    raise DoctorError(_not_a_model(path))


def _not_a_model(path: str) -> str:
    """Why a file no reader reads is refused: what it is, when it is a kind often taken for a
    Keras model (spec/formats.json "others"), with the page that answers it."""
    with open(path, "rb") as f:
        first = f.read(16).decode("latin-1")
    name = os.path.basename(path)
    for other in OTHER_FILES:
        if re.search(other["head"], first) if "head" in other else \
                re.search(other["name"], name, re.IGNORECASE):
            return f"not a Keras model file: {other['what']}; see {answer_url(other['answer'])}"
    return "not a Keras model file: not HDF5, not a .keras zip, not JSON, not a SavedModel directory"
