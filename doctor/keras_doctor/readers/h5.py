"""HDF5 (.h5): a whole model (model_config attribute) or weights only, read with h5py."""
from __future__ import annotations

import contextlib
import os

from ..errors import DoctorError
from ..tables import MAX_CONFIG_BYTES
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


def check_global_heaps(path: str) -> None:
    """Refuse a file whose global heap (where HDF5 keeps variable-length strings, such as the
    attributes Keras writes) the HDF5 library would walk forever: an object that takes no
    room (HDF5 steps past each object by its size) or that runs past its collection. Each
    collection is found by its signature and walked as the library walks it. The file is
    read a chunk at a time."""
    size_of_file = os.path.getsize(path)
    with open(path, "rb") as f:
        offset, tail, found = 0, b"", []
        while True:
            chunk = f.read(1 << 23)
            if not chunk:
                break
            buf = tail + chunk
            at = buf.find(GCOL)
            while at >= 0:
                found.append(offset - len(tail) + at)
                at = buf.find(GCOL, at + 1)
            tail = buf[-(len(GCOL) - 1):]
            offset += len(chunk)
        for at in sorted(set(found)):
            f.seek(at + 8)
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


def _attr_text(f, name: str, limit: int) -> str | None:
    """One root attribute as a string, read only if it is one string of at most limit
    bytes: fixed-length strings are measured before they are read, variable-length ones
    (what h5py writes for a Python str, as Keras does) cannot be larger than the file."""
    if name not in f.attrs:
        return None
    aid = f.attrs.get_id(name)
    if aid.shape not in ((), (1,)) or aid.dtype.kind not in "SOU":
        raise DoctorError(f"the {name} attribute is not a string: not a Keras model file")
    if aid.dtype.kind in "SU" and aid.dtype.itemsize > limit:
        raise too_large(name, aid.dtype.itemsize, limit)
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
    raise DoctorError(f"the {name} attribute is not a string: not a Keras model file")


def read_h5(path: str) -> dict:
    h5py = import_h5py()
    try:
        f = h5py.File(path, "r")
    except (OSError, ValueError) as exc:
        raise DoctorError(f"cannot open as HDF5 (truncated or corrupt?): "
                          f"{str(exc).splitlines()[0]}") from None
    with f:
        check_global_heaps(path)  # before any string attribute is read
        try:
            with bounded_memory():
                info = {"keras_version": _attr_text(f, "keras_version", 256),
                        "backend": _attr_text(f, "backend", 256)}
            with bounded_memory():
                config = _attr_text(f, "model_config", MAX_CONFIG_BYTES)
            if config is not None:
                info["format"] = "h5"
                info["config"] = load_json(config, "model_config")
                with bounded_memory():  # compile=True deserializes it too (losses, metrics)
                    training = _attr_text(f, "training_config", MAX_CONFIG_BYTES)
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
