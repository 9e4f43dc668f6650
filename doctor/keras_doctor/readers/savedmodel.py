"""A TensorFlow SavedModel directory: saved_model.pb and Keras 2's keras_metadata.pb, read
from the protocol-buffer wire format, within bounds (size, fields read)."""
from __future__ import annotations

import mmap
import os

from ..errors import DoctorError
from ..tables import MAX_CONFIG_BYTES, MAX_PB_BYTES, MAX_PB_FIELDS
from .common import check_size, load_json, text


class _Budget:
    """How many fields may still be read: a .pb of a million tiny fields is corrupt, not
    a reason to loop for minutes."""

    def __init__(self, n: int = MAX_PB_FIELDS):
        self.left = n

    def spend(self):
        self.left -= 1
        if self.left < 0:
            raise ValueError(f"more than {MAX_PB_FIELDS} fields")


def _pb_fields(buf, start: int = 0, end: int | None = None, budget: _Budget | None = None):
    """(field number, wire type, value) of a message; length-delimited values are
    (start, end) offsets into buf, so nothing large is copied."""
    pos, end = start, len(buf) if end is None else end
    budget = budget or _Budget()

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
        budget.spend()
        key = varint()
        field, wire = key >> 3, key & 7
        if field == 0:
            raise ValueError("field number 0")
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


def _string(buf, span, limit: int = 256) -> str | None:
    if span[1] - span[0] > limit:
        return None
    return bytes(buf[span[0]:span[1]]).decode("utf-8", "replace")


def read_savedmodel(path: str) -> dict:
    pb = os.path.join(path, "saved_model.pb")
    if not os.path.isfile(pb):
        raise DoctorError("a SavedModel directory without saved_model.pb (only the text "
                          "form saved_model.pbtxt is not supported)")
    check_size(pb, "saved_model.pb", MAX_PB_BYTES)
    if os.path.getsize(pb) == 0:
        raise DoctorError("an empty saved_model.pb: not a SavedModel")
    info = {"format": "savedmodel", "config": None, "keras_version": None, "backend": None,
            "tensorflow_version": None, "signatures": []}
    budget, graphs = _Budget(), 0
    try:
        with open(pb, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            for field, wire, val in _pb_fields(buf, budget=budget):
                if field != 2 or wire != 2:  # meta_graphs
                    continue
                graphs += 1
                for f2, w2, v2 in _pb_fields(buf, *val, budget=budget):
                    if f2 == 1 and w2 == 2:  # meta_info_def
                        for f3, w3, v3 in _pb_fields(buf, *v2, budget=budget):
                            if f3 == 5 and w3 == 2:  # tensorflow_version
                                info["tensorflow_version"] = _string(buf, v3)
                    elif f2 == 5 and w2 == 2:  # signature_def map entry: key = 1
                        for f3, w3, v3 in _pb_fields(buf, *v2, budget=budget):
                            if f3 == 1 and w3 == 2 and _string(buf, v3) is not None:
                                info["signatures"].append(_string(buf, v3))
                break  # the first meta graph
    except (ValueError, OSError) as exc:
        raise DoctorError(f"cannot read saved_model.pb (truncated or corrupt?): {exc}") from None
    if not graphs:
        raise DoctorError("saved_model.pb holds no meta graph: not a SavedModel")
    info["signatures"] = sorted(n for n in info["signatures"] if not n.startswith("__"))
    meta = os.path.join(path, "keras_metadata.pb")
    if os.path.isfile(meta):
        check_size(meta, "keras_metadata.pb", 2 * MAX_CONFIG_BYTES)
        with open(meta, "rb") as f:
            buf = f.read()
        try:
            for field, wire, val in _pb_fields(buf, budget=budget):
                if field != 1 or wire != 2:  # nodes
                    continue
                node = {f2: v for f2, w2, v in _pb_fields(buf, *val, budget=budget) if w2 == 2}
                if 3 in node and buf[node[3][0]:node[3][1]] == b"root":
                    span = node.get(5)
                    root = load_json(buf[span[0]:span[1]] if span else b"{}", "keras_metadata.pb")
                    if isinstance(root, dict):
                        info["config"] = {"class_name": root.get("class_name"),
                                          "config": root.get("config")}
                        info["keras_version"] = text(root.get("keras_version"))
                        info["backend"] = text(root.get("backend"))
                    break
        except ValueError as exc:
            raise DoctorError(f"cannot read keras_metadata.pb (truncated or corrupt?): {exc}") from None
        info["keras_metadata"] = True
    else:
        info["keras_metadata"] = False
    return info
