"""A TensorFlow SavedModel directory: saved_model.pb and Keras 2's keras_metadata.pb, read
from the protocol-buffer wire format."""
from __future__ import annotations

import mmap
import os

from ..errors import DoctorError
from .common import check_size, load_json


# Protocol buffers, read from the wire format (SavedModel and keras_metadata.pb).
def _pb_fields(buf, start: int = 0, end: int | None = None):
    """(field number, wire type, value) of a message; length-delimited values are
    (start, end) offsets into buf, so nothing large is copied."""
    pos, end = start, len(buf) if end is None else end

    def varint():
        nonlocal pos
        shift = result = 0
        while True:
            if pos >= end or shift > 63:
                raise ValueError("bad varint")
            b = buf[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7

    while pos < end:
        key = varint()
        field, wire = key >> 3, key & 7
        if wire == 0:
            yield field, wire, varint()
        elif wire == 1:
            pos += 8
            yield field, wire, None
        elif wire == 2:
            n = varint()
            if pos + n > end:
                raise ValueError("truncated")
            yield field, wire, (pos, pos + n)
            pos += n
        elif wire == 5:
            pos += 4
            yield field, wire, None
        else:
            raise ValueError("bad wire type")
    if pos != end:
        raise ValueError("truncated")


def read_savedmodel(path: str) -> dict:
    pb = os.path.join(path, "saved_model.pb")
    if not os.path.isfile(pb):
        raise DoctorError("a SavedModel directory without saved_model.pb (only the text "
                          "form saved_model.pbtxt is not supported)")
    info = {"format": "savedmodel", "config": None, "keras_version": None, "backend": None,
            "tensorflow_version": None, "signatures": []}
    try:
        with open(pb, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            for field, wire, val in _pb_fields(buf):
                if field != 2 or wire != 2:  # meta_graphs
                    continue
                for f2, w2, v2 in _pb_fields(buf, *val):
                    if f2 == 1 and w2 == 2:  # meta_info_def
                        for f3, w3, v3 in _pb_fields(buf, *v2):
                            if f3 == 5 and w3 == 2:  # tensorflow_version
                                info["tensorflow_version"] = bytes(buf[v3[0]:v3[1]]).decode()
                    elif f2 == 5 and w2 == 2:  # signature_def map entry: key = 1
                        for f3, w3, v3 in _pb_fields(buf, *v2):
                            if f3 == 1 and w3 == 2:
                                info["signatures"].append(bytes(buf[v3[0]:v3[1]]).decode())
                break  # the first meta graph
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise DoctorError(f"cannot read saved_model.pb (truncated or corrupt?): {exc}") from None
    info["signatures"] = sorted(n for n in info["signatures"] if not n.startswith("__"))
    meta = os.path.join(path, "keras_metadata.pb")
    if os.path.isfile(meta):
        check_size(meta, "keras_metadata.pb")
        with open(meta, "rb") as f:
            buf = f.read()
        try:
            for field, wire, val in _pb_fields(buf):
                if field != 1 or wire != 2:  # nodes
                    continue
                node = {f2: bytes(buf[v[0]:v[1]]) for f2, w2, v in _pb_fields(buf, *val) if w2 == 2}
                if node.get(3) == b"root":
                    root = load_json(node.get(5, b"{}"), "keras_metadata.pb")
                    if isinstance(root, dict):
                        info["config"] = {"class_name": root.get("class_name"),
                                          "config": root.get("config")}
                        info["keras_version"] = root.get("keras_version")
                        info["backend"] = root.get("backend")
                    break
        except (ValueError, UnicodeDecodeError) as exc:
            raise DoctorError(f"cannot read keras_metadata.pb (truncated or corrupt?): {exc}") from None
        info["keras_metadata"] = True
    else:
        info["keras_metadata"] = False
    return info
