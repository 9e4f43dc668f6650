"""A Lambda's bytecode (base64 of ``marshal.dumps(code)``), read as data: never unmarshalled,
never run. Which Python wrote it, the function's name and file, the globals it loads."""
from __future__ import annotations

import base64
import binascii
import re
import struct

from .tables import (CODE_LAYOUTS, CODE_WITH_REF, CODE_WITHOUT_REF, GLOBAL_OPS, MAX_BYTECODE,
                     MAX_DEPTH, OPCODES)


class _Code(dict):
    """A marshalled code object's fields (data only: nothing is ever executed)."""


class _MarshalReader:
    """Reads the marshal format as plain data. Code objects become dicts of their fields;
    no Python object is created from the stream other than str/bytes/int/float/tuples."""

    def __init__(self, data: bytes, layout):
        self.data, self.pos, self.refs, self.layout = data, 0, [], layout

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ValueError("truncated")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def i32(self) -> int:
        return struct.unpack("<i", self.take(4))[0]

    def obj(self, depth: int = 0):
        if depth > MAX_DEPTH:
            raise ValueError("too deep")
        code = self.take(1)[0]
        t, ref = chr(code & 0x7F), code & 0x80
        if ref:
            slot = len(self.refs)
            self.refs.append(None)
        if t in "N0":
            v = None
        elif t in "TF.S":
            v = {"T": True, "F": False, ".": "...", "S": "StopIteration"}[t]
        elif t == "i":
            v = self.i32()
        elif t == "l":  # a long: its value is never needed, only skipped (a 600k-digit
            n = self.i32()  # integer would take minutes to build)
            raw = self.take(2 * abs(n))
            v = int.from_bytes(raw[:16], "little") if abs(n) <= 8 else None
        elif t == "g":
            v = struct.unpack("<d", self.take(8))[0]
        elif t == "y":
            v = complex(*struct.unpack("<dd", self.take(16)))
        elif t in "fx":  # text floats (old marshal versions)
            parts = [self.take(self.take(1)[0]) for _ in range(2 if t == "x" else 1)]
            v = tuple(float(p) for p in parts)
        elif t == "s":
            v = self.take(self.i32())
        elif t in "utaA":
            v = self.take(self.i32()).decode("utf-8", "surrogatepass")
        elif t in "zZ":
            v = self.take(self.take(1)[0]).decode("latin-1")
        elif t == ")":
            v = tuple(self.obj(depth + 1) for _ in range(self.take(1)[0]))
        elif t in "([<>":
            n = self.i32()
            if n < 0 or n > len(self.data):
                raise ValueError("bad size")
            v = tuple(self.obj(depth + 1) for _ in range(n))
        elif t == "{":
            items = []
            while self.data[self.pos:self.pos + 1] != b"0":
                items.append((self.obj(depth + 1), self.obj(depth + 1)))
            self.pos += 1
            v = tuple(items)
        elif t == "r":
            i = self.i32()
            if not 0 <= i < len(self.refs):
                raise ValueError("bad reference")
            v = self.refs[i]
        elif t == "c":
            v = _Code()
            for name in self.layout[0]:
                v[name] = self.i32()
            for name in self.layout[1]:
                name, _, kind = name.partition(":")
                v[name] = self.i32() if kind == "i" else self.obj(depth + 1)
        else:
            raise ValueError(f"unknown marshal type {t!r}")
        if ref:
            self.refs[slot] = v
        return v


def _valid_opcodes(version: str) -> set[int]:
    ranges = OPCODES[version][0]
    return {o for r in ranges for o in (range(r[0], r[1] + 1) if isinstance(r, tuple) else [r])}


_VALID = {v: frozenset(_valid_opcodes(v) - {0}) for v in OPCODES}  # CACHE starts nothing


def _fits_version(code: _Code, version: str, memo: dict) -> bool:
    """Whether every instruction of the code (and of nested code objects) is a valid
    opcode of that CPython version, with its inline caches where that version has them.
    Each distinct instruction string is checked once, however many code objects share it
    (a marshalled reference lets 9,000 code objects share one: time stays linear)."""
    for c in _code_objects(code):
        raw = c.get("code")
        if not isinstance(raw, bytes) or len(raw) % 2:
            return False
        key = (version, raw)
        if key not in memo:
            memo[key] = _instructions_fit(raw, version)
        if not memo[key]:
            return False
    return True


def _instructions_fit(raw: bytes, version: str) -> bool:
    valid, (_, resume, caches) = _VALID[version], OPCODES[version]
    if not caches:  # no inline caches: every even byte is an opcode
        ops = set(raw[0::2])
        return ops <= valid and (resume < 0 or resume in ops)
    i, seen_resume = 0, resume < 0
    while i < len(raw):
        op = raw[i]
        if op not in valid:
            return False
        seen_resume = seen_resume or op == resume
        n = caches.get(op, 0)
        if i + 2 + 2 * n > len(raw) or any(raw[j] for j in range(i + 2, i + 2 + 2 * n, 2)):
            return False
        i += 2 + 2 * n
    return i == len(raw) and seen_resume


def versions_in(text: str) -> set[str]:
    """The Python versions a bytecode verdict names: "3.11 or 3.12", "3.8-3.10"."""
    out: set[str] = set()
    if "(not " in text:  # a layout no known version's opcodes fit
        return out
    for a, b in re.findall(r"3\.(\d+)(?:-3\.(\d+))?", text):
        out |= {f"3.{m}" for m in range(int(a), int(b or a) + 1)}
    return out


def _code_objects(code: _Code):
    """The code object and every code object nested in its constants, each once: a
    marshalled reference can make one code object the constant of every level, so a walk
    of the tree (not of the distinct objects) would be exponential."""
    seen, stack = set(), [code]
    while stack:
        c = stack.pop()
        if id(c) in seen:
            continue
        seen.add(id(c))
        yield c
        consts = c.get("consts")
        if isinstance(consts, tuple):
            stack.extend(k for k in consts if isinstance(k, _Code))


# base64 -> what it tells: a stored function is read once, however often a file holds it or
# the doctor asks (up to 10,000 entries or 64 MiB of base64 kept; then it starts again)
_READ: dict = {}
_READ_SIZE = 0


def read_bytecode(b64: str) -> dict:
    """What a Keras-stored function's bytecode (base64 of ``marshal.dumps(code)``) tells,
    read without unmarshalling it."""
    global _READ_SIZE
    if b64 not in _READ:
        if len(_READ) > 10_000 or _READ_SIZE > 1 << 26:
            _READ.clear()
            _READ_SIZE = 0
        _READ[b64] = _read_bytecode(b64)
        _READ_SIZE += len(b64)
    out = dict(_READ[b64])
    if out.get("globals") is not None:
        out["globals"] = list(out["globals"])
    return out


def _read_bytecode(b64: str) -> dict:
    try:
        raw = base64.b64decode(b64.encode("ascii"), validate=False)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return {"python": "unknown", "problem": "not base64"}
    if not raw:
        return {"python": "unknown", "problem": "empty"}
    if len(raw) > MAX_BYTECODE:
        return {"python": "unknown", "problem": f"larger than {MAX_BYTECODE // 1024} KiB",
                "bytes": len(raw)}
    # 0xE3: a code object with FLAG_REF (Python 3.4+ sets it on an object referenced more
    # than once, as a function's code is); "c" without it: Python 2, 3.0-3.3, or any code
    # object marshalled with one reference. Both are read by the same layouts.
    if raw[0] not in (CODE_WITH_REF, CODE_WITHOUT_REF):
        return {"python": "unknown", "problem": "not a marshalled code object", "bytes": len(raw)}
    for family, versions, longs, objs in CODE_LAYOUTS:
        reader = _MarshalReader(raw, (longs, objs))
        try:
            code = reader.obj()
        except (ValueError, struct.error, UnicodeDecodeError, OverflowError, RecursionError):
            continue
        if reader.pos != len(raw) or not isinstance(code, _Code):
            continue
        if family == "3.4-3.7" and not isinstance(code.get("code"), bytes):
            continue
        memo: dict = {}
        fits = [v for v in versions if _fits_version(code, v, memo)]
        if versions and not fits:
            python = f"{family} (not {', '.join(versions)})"
        elif fits:
            python = " or ".join(fits) if len(fits) < 3 else f"{fits[0]}-{fits[-1]}"
        else:
            python = family
        return {
            "python": python,
            "layout": family,
            "name": code.get("name") if isinstance(code.get("name"), str) else None,
            # only the file's name: the directories are the writer's machine, not the model
            "filename": _basename(code.get("filename")),
            "globals": _globals(code, (fits or versions or [None])[0], {}),
            "bytes": len(raw),
        }
    if raw[0] == CODE_WITHOUT_REF:  # no FLAG_REF and no Python 3.4+ layout: marshal version < 3
        return {"python": "2.x or 3.0-3.3", "bytes": len(raw)}
    return {"python": "unknown", "problem": "no known code-object layout", "bytes": len(raw)}


def _basename(path) -> str | None:
    if not isinstance(path, str) or not path:
        return None
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or None


def _globals(code: _Code, version: str | None, memo: dict) -> list[str] | None:
    """The global names the code (and its nested functions) loads: the co_names entries
    that LOAD_GLOBAL instructions point at. None when the version is not known."""
    if version not in GLOBAL_OPS:
        return None
    found, done = set(), set()
    for c in _code_objects(code):
        raw, names = c.get("code"), c.get("names")
        names = names if isinstance(names, tuple) else ()
        if not isinstance(raw, bytes) or (id(raw), id(names)) in done:
            continue  # each (instructions, names) pair once: both may be shared references
        done.add((id(raw), id(names)))
        if raw not in memo:
            memo[raw] = _global_indexes(raw, version)
        indexes = memo[raw]
        if len(indexes) > len(names):
            indexes = [i for i in range(len(names)) if i in indexes]
        found.update(names[i] for i in indexes if i < len(names) and isinstance(names[i], str))
    return sorted(found)


def _global_indexes(raw: bytes, version: str) -> set[int]:
    """The co_names indexes the LOAD_GLOBAL instructions of one instruction string use."""
    load_global, extended, shift = GLOBAL_OPS[version]
    out, ext = set(), 0
    for i in range(0, len(raw) - 1, 2):
        op, arg = raw[i], raw[i + 1] | ext
        ext = (arg << 8) if op == extended else 0
        if op == load_global:
            out.add(arg >> shift)
    return out
