"""HDF5 (.h5): a whole model (model_config attribute) or weights only, read with h5py."""
from __future__ import annotations

import contextlib
import os

from ..errors import DoctorError
from ..tables import MAX_CONFIG_BYTES, MAX_DATASET_BYTES, MAX_H5_OBJECTS
from .common import load_json, too_large

HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def hdf5_offset(path: str) -> int | None:
    """Where the HDF5 superblock starts: 0, or after a user block (512, 1024, 2048... bytes,
    any power of two from 512: HDF5 itself looks there). None when there is none."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        offset = 0
        while offset + 8 <= size:
            f.seek(offset)
            if f.read(8) == HDF5_SIGNATURE:
                return offset
            offset = 512 if offset == 0 else offset * 2
    return None


GCOL = b"GCOL\x01\x00\x00\x00"  # a global heap collection, version 1 (strings live there)
UNDEFINED = 0xFFFFFFFFFFFFFFFF


class _Unknown(Exception):
    """The root's attributes are stored in a way this small reader does not follow."""


def _u(buf: bytes, at: int, n: int) -> int:
    if at < 0 or at + n > len(buf):
        raise _Unknown("truncated")
    return int.from_bytes(buf[at:at + n], "little")


def _root_address(sb: bytes) -> int:
    """The root group's object header's address, from the superblock (versions 0-3)."""
    version = _u(sb, 8, 1)
    if version in (0, 1):
        off = _u(sb, 13, 1)
        p = 24 if version == 0 else 28
        root = _u(sb, p + 5 * off, off)  # base, free space, EOF, driver; the root's entry
    elif version in (2, 3):
        off = _u(sb, 9, 1)
        root = _u(sb, 12 + 3 * off, off)
    else:
        raise _Unknown(f"superblock version {version}")
    if off != 8 or _u(sb, 14 if version < 2 else 10, 1) != 8:
        raise _Unknown("addresses or lengths not of 8 bytes")
    return root


def _root_messages(f, base: int):
    """Each message of the root group's object header, as (type, data, flags). Only these
    few hundred bytes of metadata are read."""
    return _object_messages(f, base, _root_address(f.read(96)))  # f is at the superblock


def _object_messages(f, base: int, root: int):
    """Each message of an object header, as (type, data, flags): a version 1 or 2 header is
    walked with its continuation blocks."""
    blocks, seen, out = [(root, None)], set(), []
    while blocks:
        at, length = blocks.pop()
        if at in seen or len(seen) > 1000:
            raise _Unknown("a cycle of header blocks")
        seen.add(at)
        f.seek(base + at)
        if length is None:  # the header itself
            head = f.read(16)
            if head[:4] == b"OHDR":
                flags = _u(head, 5, 1)
                p = 6 + (16 if flags & 0x20 else 0) + (4 if flags & 0x10 else 0)
                width = 1 << (flags & 3)
                f.seek(base + at)
                head = f.read(p + width)
                size = _u(head, p, width)
                v2, start = flags, p + width
                block = head + f.read(size)
                end = len(block)
            elif head[:1] == b"\x01":
                size, v2, start = _u(head, 8, 4), None, 16
                block = head + f.read(size)
                end = len(block)
            else:
                raise _Unknown("not an object header")
        else:
            block = f.read(length)
            start = 4 if v2 is not None else 0
            if v2 is not None and block[:4] != b"OCHK":
                raise _Unknown("not a continuation block")
            end = len(block) - (4 if v2 is not None else 0)  # version 2: then a checksum
        p = start
        while p + (4 if v2 is not None else 8) <= end:
            if v2 is not None:
                kind, size, flags = _u(block, p, 1), _u(block, p + 1, 2), _u(block, p + 3, 1)
                p += 4 + (2 if v2 & 0x04 else 0)
            else:
                kind, size, flags = _u(block, p, 2), _u(block, p + 2, 2), _u(block, p + 4, 1)
                p += 8
            data = block[p:p + size]
            if len(data) < size:
                raise _Unknown("a message past its block")
            p += size
            if kind == 0x10:  # continuation
                blocks.append((_u(data, 0, 8), _u(data, 8, 8)))
            else:
                out.append((kind, data, flags))
    return out


def _attribute(data: bytes):
    """An attribute message: (name, datatype, dataspace, value bytes)."""
    version, flags = _u(data, 0, 1), _u(data, 1, 1)
    n, t, s = _u(data, 2, 2), _u(data, 4, 2), _u(data, 6, 2)
    if flags & 0x3:
        raise _Unknown("a shared datatype or dataspace")
    pad = (lambda x: (x + 7) & ~7) if version == 1 else (lambda x: x)
    p = 9 if version == 3 else 8
    name = data[p:p + n].split(b"\x00")[0].decode("utf-8", "replace")
    p += pad(n)
    dtype = data[p:p + t]
    p += pad(t)
    space = data[p:p + s]
    return name, dtype, space, data[p + pad(s):]


def _elements(space: bytes) -> int:
    version, rank = _u(space, 0, 1), _u(space, 1, 1)
    if version == 2 and _u(space, 3, 1) == 2:  # a null dataspace
        return 0
    p, count = (8 if version == 1 else 4), 1
    for i in range(rank):
        count *= _u(space, p + 8 * i, 8)
    return count


def string_heap_ids(path: str, offset: int, names) -> dict:
    """For each of the named root attributes that is one variable-length string: its length
    and where the HDF5 library will look for it (a global heap collection and an index),
    read from the file's metadata alone. Raises _Unknown for a layout it does not follow
    (dense attribute storage, shared datatypes, other offset sizes)."""
    with open(path, "rb") as f:
        f.seek(offset)
        sb = f.read(96)
        version = sb[8] if len(sb) > 8 else -1
        base = _u(sb, 24 if version in (0, 1) else 12, 8) if version in (0, 1, 2, 3) else 0
        f.seek(offset)
        out = {}
        for kind, data, _ in _root_messages(f, base):
            if kind == 0x15 and _u(data, 2 + (2 if _u(data, 1, 1) & 1 else 0), 8) != UNDEFINED:
                raise _Unknown("dense attribute storage")
            if kind != 0x0C:
                continue
            name, dtype, space, value = _attribute(data)
            if name in names and _u(dtype, 0, 1) & 0x0F == 9 and _u(dtype, 1, 1) & 0x0F > 1:
                out[name] = None  # variable-length, neither a sequence nor a string
            elif name in names and _u(dtype, 0, 1) & 0x0F == 9 and _elements(space) == 1:
                out[name] = (_u(value, 0, 4), base, _u(value, 4, 8), _u(value, 12, 4))
        return out


def check_global_heaps(path: str, offset: int,
                       names=("keras_version", "backend", "model_config", "training_config")):
    """Refuse a file whose global heap (where HDF5 keeps variable-length strings, such as the
    attributes Keras writes) the HDF5 library would walk forever: an object that takes no
    room (HDF5 steps past each object by its size) or that runs past its collection. Only
    the collections the attributes read next point at are walked, found from the root's
    object header; say how long each string is. A layout this does not follow (not one
    Keras writes) has every collection of the file found by its signature instead. An
    attribute whose variable-length type is neither a sequence nor a string (which libhdf5
    crashes reading: a segmentation fault) is given as None: not a string."""
    try:
        ids = string_heap_ids(path, offset, names)
        heaps = {v[1] + v[2] for v in ids.values() if v}
    except (_Unknown, OSError, OverflowError, ValueError):  # an address no seek reaches
        ids, heaps = {}, _scan_for_heaps(path)
    size_of_file = os.path.getsize(path)
    with open(path, "rb") as f:
        for at in sorted(heaps):
            if at + 16 > size_of_file:
                continue  # past the end: the HDF5 library says so itself
            f.seek(at)
            if f.read(8) != GCOL:
                continue  # not a collection: the HDF5 library says so itself
            size = int.from_bytes(f.read(8), "little")
            if size < 16 or at + size > size_of_file:
                raise DoctorError("a corrupt HDF5 global heap (a collection past the end of the "
                                  "file): truncated or corrupt")
            if size > 4 * MAX_CONFIG_BYTES:
                raise too_large("an HDF5 global heap collection", size, 4 * MAX_CONFIG_BYTES)
            f.seek(at)
            buf = f.read(size)
            p, end = 16, size
            while p + 16 <= end:  # less than an object header left: free space
                index = int.from_bytes(buf[p:p + 2], "little")
                length = int.from_bytes(buf[p + 8:p + 16], "little")
                need = 16 + ((length + 7) & ~7) if index else length
                if need <= 0 or p + need > end:
                    raise DoctorError("a corrupt HDF5 global heap (an object of no size or past "
                                      "its collection): truncated or corrupt")
                p += need
    return {name: v[0] if v else None for name, v in ids.items()}


def _scan_for_heaps(path: str) -> list[int]:
    """Every offset of the file that holds a collection's signature, read a chunk at a time."""
    found = []
    with open(path, "rb") as f:
        offset, tail = 0, b""
        while True:
            chunk = f.read(1 << 23)
            if not chunk:
                return found
            buf = tail + chunk
            at = buf.find(GCOL)
            while at >= 0:
                found.append(offset - len(tail) + at)
                at = buf.find(GCOL, at + 1)
            tail = buf[-(len(GCOL) - 1):]
            offset += len(chunk)


@contextlib.contextmanager
def bounded_memory(extra: int = 8 * MAX_CONFIG_BYTES):
    """While HDF5 reads string attributes: an address-space limit of what the process uses
    now plus `extra`. A corrupt variable-length string can declare any length, and libhdf5
    allocates it before it finds the heap object does not match; with the limit the
    allocation fails (an error, not a gigabyte). Restored afterwards; Linux only."""
    try:
        import resource

        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError, IndexError):
        yield
        return
    limit = used + extra
    if soft != resource.RLIM_INFINITY and soft <= limit:
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def import_h5py():
    """h5py, imported without spawning a program: its _conv module indexes platform.uname(),
    whose processor field runs `uname -p` found through $PATH (with "." on PATH, a `uname`
    beside the model would run). The field is filled first, as Python leaves it when it
    cannot tell (an empty string)."""
    import platform

    try:
        platform.uname().__dict__.setdefault("processor", "")
    except AttributeError:  # a Python whose uname() computes it eagerly
        pass
    try:
        import h5py
    except ImportError:  # pragma: no cover - h5py is the one dependency
        raise DoctorError("reading .h5 files needs h5py (pip install h5py)") from None
    return h5py


def _attr_text(f, name: str, limit: int, declared: dict, strict: bool = True) -> str | None:
    """One root attribute as a string, read only if it is one string of at most limit
    bytes: fixed-length strings are measured before they are read, variable-length ones
    by the length the file declares. Not a string: refused when strict (Keras cannot read
    such a model_config), else None (Keras reads keras_version and backend of any type)."""
    if name not in f.attrs:
        return None
    if name in declared and declared[name] is None:  # a type libhdf5 crashes reading
        if not strict:
            return None
        raise DoctorError(f"the {name} attribute is not a string: not a Keras model file")
    aid = f.attrs.get_id(name)
    if aid.shape not in ((), (1,)) or aid.dtype.kind not in "SOU":
        if not strict:
            return None
        raise DoctorError(f"the {name} attribute is not a string: not a Keras model file")
    if aid.dtype.kind in "SU" and aid.dtype.itemsize > limit:
        raise too_large(name, aid.dtype.itemsize, limit)
    if declared.get(name, 0) > limit:  # a variable-length string's length, from the file
        raise too_large(name, declared[name], limit)
    value = f.attrs[name]
    if getattr(value, "shape", None) == (1,):
        value = value[0]
    if isinstance(value, bytes):
        if len(value) > limit:
            raise too_large(name, len(value), limit)
        return value.decode("utf-8", "replace")
    if isinstance(value, str):
        if len(value) > limit:
            raise too_large(name, len(value), limit)
        return value
    if not strict:
        return None
    raise DoctorError(f"the {name} attribute is not a string: not a Keras model file")


def hdf5_features(f) -> list[dict]:
    """What an HDF5 file holds that makes h5py read outside it or allocate past it: external
    links, datasets stored in external files, virtual datasets, datasets declaring more than
    MAX_DATASET_BYTES. Metadata only (link tables, dataset headers), never the data."""
    h5py = import_h5py()
    out, seen, count = [], set(), 0
    stack = [("", f)]
    while stack:
        where, group = stack.pop()
        try:
            names = list(group)
        except (OSError, ValueError, KeyError, RuntimeError):  # a corrupt group: h5py fails too
            continue
        for name in names:
            count += 1
            if count > MAX_H5_OBJECTS:
                return out
            try:
                _link(h5py, group, name, f"{where}/{name}", seen, stack, out)
            except (OSError, ValueError, KeyError, TypeError, RuntimeError):
                continue  # what h5py cannot open, Keras cannot read either
    return out


def nothing_to_walk(f) -> bool:
    """True when an HDF5 file's metadata, walked here without h5py (0.2 s to import), shows
    none of what hdf5_features looks for: no link but hard and soft ones, no External Data
    Files message, no virtual layout, no dataset declaring more than a 16th of
    MAX_DATASET_BYTES. Groups are followed as symbol tables (a v1 B-tree of symbol nodes:
    what h5py writes by default) and as link messages. Anything else (dense link storage,
    a shared message, a superblock past offset 0, more than MAX_H5_OBJECTS objects, a
    corrupt header) answers False: h5py walks the file then."""
    try:
        f.seek(0)
        sb = f.read(96)
        if sb[:8] != HDF5_SIGNATURE:
            return False
        base = _u(sb, 24 if sb[8] in (0, 1) else 12, 8)
        stack, seen, left = [_root_address(sb)], set(), MAX_H5_OBJECTS
        while stack:
            at = stack.pop()
            if at in seen:
                continue
            seen.add(at)
            left -= 1
            if left < 0:
                return False
            elements = itemsize = None
            for kind, data, flags in _object_messages(f, base, at):
                if flags & 0x02 or kind == 0x07:  # a shared message; External Data Files
                    return False
                if kind == 0x01:  # Dataspace
                    elements = _elements(data)
                elif kind == 0x03:  # Datatype: its size
                    itemsize = _u(data, 4, 4)
                elif kind == 0x08 and (data[0] > 4 or data[1 if data[0] >= 3 else 2] > 2):
                    return False  # a virtual layout (class 3), or a layout not known here
                elif kind == 0x02 and _u(data, 2 + (8 if data[1] & 1 else 0), 8) != UNDEFINED:
                    return False  # Link Info: links in a fractal heap (dense storage)
                elif kind == 0x06:  # Link
                    p, lflags = 2, data[1]
                    ltype = data[p] if lflags & 0x08 else 0
                    p += (1 if lflags & 0x08 else 0) + (8 if lflags & 0x04 else 0) + \
                        (1 if lflags & 0x10 else 0)
                    width = 1 << (lflags & 3)
                    p += width + _u(data, p, width)
                    if ltype == 0:
                        stack.append(_u(data, p, 8))
                    elif ltype != 1:  # external (64) or user-defined: h5py says what
                        return False
                elif kind == 0x11:  # Symbol Table: its B-tree's symbol nodes
                    left = _symbol_table(f, base, _u(data, 0, 8), stack, seen, left)
            if elements is not None and elements * max(itemsize or 0, 16) > MAX_DATASET_BYTES // 16:
                return False
        return left >= 0
    except (_Unknown, OSError, ValueError, OverflowError, IndexError):
        return False


def _symbol_table(f, base: int, tree: int, stack: list, seen: set, left: int) -> int:
    """Push the object of every entry of a group's symbol table (a v1 B-tree of symbol nodes;
    an entry whose address is undefined is a soft link); return what is left of the budget."""
    nodes = [tree]
    while nodes:
        at = nodes.pop()
        if ("tree", at) in seen:
            continue
        seen.add(("tree", at))
        left -= 1
        if left < 0:
            return left
        f.seek(base + at)
        head = f.read(24)
        if head[:4] == b"TREE":
            used = _u(head, 6, 2)
            body = f.read(used * 16 + 8)  # key, child, ..., key
            nodes += [_u(body, 8 + 16 * i, 8) for i in range(used)]
        elif head[:4] == b"SNOD":
            n = _u(head, 6, 2)
            f.seek(base + at + 8)
            body = f.read(40 * n)
            for i in range(n):
                addr = _u(body, 40 * i + 8, 8)
                if addr != UNDEFINED:
                    stack.append(addr)
                    left -= 1
        else:
            raise _Unknown("not a B-tree node or symbol node")
    return left


def walk_hdf5(source, name: str) -> list[dict]:
    """hdf5_features of an HDF5 file inside another one (a path or a file object, opened
    read-only), each at "NAME:/its/path"; h5py is not even imported when its metadata shows
    nothing to look for (nothing_to_walk). One h5py cannot open, Keras cannot read either:
    nothing is reported for it."""
    try:
        if isinstance(source, str):
            with open(source, "rb") as f:
                if nothing_to_walk(f):
                    return []
        elif nothing_to_walk(source):
            return []
    except OSError:
        pass
    h5py = import_h5py()
    try:
        f = h5py.File(source, "r")
    except (OSError, ValueError, RuntimeError):
        return []
    with f:
        return [{**feat, "path": f"{name}:{feat['path']}"} for feat in hdf5_features(f)]


def _link(h5py, group, name: str, at: str, seen: set, stack: list, out: list) -> None:
    link = group.get(name, getlink=True)
    if isinstance(link, h5py.ExternalLink):
        out.append({"feature": "external-link", "path": at, "found": "an HDF5 external link",
                    "value": f"{link.filename}:{link.path}"})
        return
    if not isinstance(link, h5py.HardLink):
        return
    obj = group.get(name)
    if obj is None:  # a link to nothing h5py can open
        return
    key = h5py.h5o.get_info(obj.id).addr
    if key in seen:
        return
    seen.add(key)
    if isinstance(obj, h5py.Group):
        stack.append((at, obj))
    elif isinstance(obj, h5py.Dataset):
        out.extend(_dataset_features(obj, at))


def _dataset_features(d, at: str) -> list[dict]:
    out = []
    plist = d.id.get_create_plist()
    if d.is_virtual:
        files = sorted({m.file_name for m in d.virtual_sources()})
        out.append({"feature": "virtual-dataset", "path": at, "found": "an HDF5 virtual dataset",
                    "value": ", ".join(files)})
    if plist.get_external_count():
        name = plist.get_external(0)[0]
        out.append({"feature": "external-storage", "path": at,
                    "found": "an HDF5 dataset stored in an outside file",
                    "value": name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)})
    declared = d.dtype.itemsize
    for n in d.shape or ():
        declared *= n
    if declared > MAX_DATASET_BYTES:
        out.append({"feature": "declared-size", "path": at,
                    "found": "an HDF5 dataset declaring more than it can hold",
                    "value": f"shape {tuple(d.shape)}, {declared:,} bytes"})
    return out


def read_h5(path: str) -> dict:
    h5py = import_h5py()
    try:
        f = h5py.File(path, "r")
    except (OSError, ValueError) as exc:
        raise DoctorError(f"cannot open as HDF5 (truncated or corrupt?): "
                          f"{str(exc).splitlines()[0]}") from None
    with f:
        declared = check_global_heaps(path, hdf5_offset(path) or 0)  # before a string is read
        try:
            with bounded_memory():
                info = {"keras_version": _attr_text(f, "keras_version", 256, declared, False),
                        "backend": _attr_text(f, "backend", 256, declared, False)}
            with bounded_memory():
                config = _attr_text(f, "model_config", MAX_CONFIG_BYTES, declared)
            info["hdf5"] = hdf5_features(f)
            if config is not None:
                info["format"] = "h5"
                info["config"] = load_json(config, "model_config")
                with bounded_memory():  # compile=True deserializes it too (losses, metrics)
                    training = _attr_text(f, "training_config", MAX_CONFIG_BYTES, declared)
                if training is not None:
                    info["training_config"] = load_json(training, "training_config")
                return info
            if "layer_names" in f.attrs or "layers" in f or "model_weights" in f or "vars" in f:
                info["format"] = "h5-weights"
                info["config"] = None
                return info
        except (OSError, ValueError, KeyError, TypeError, RuntimeError, MemoryError) as exc:
            raise DoctorError(f"cannot read the HDF5 attributes (corrupt?): "
                              f"{(str(exc).splitlines() or [''])[0]}") from None
    raise DoctorError("an HDF5 file with no Keras model config and no Keras weights: "
                      "not a Keras model file")
