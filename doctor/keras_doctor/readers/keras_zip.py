"""The Keras 3 zip format (.keras): config.json and metadata.json, and what model.weights.h5
holds that an advisory names."""
from __future__ import annotations

import bz2
import io
import lzma
import os
import struct
import zipfile
import zlib

from ..errors import DoctorError
from ..tables import MAX_CONFIG_BYTES, MAX_ZIP_ENTRIES
from .common import check_size, load_json, too_large
from .h5 import walk_hdf5

WEIGHTS = "model.weights.h5"  # the weights Keras 3 reads from a .keras, with h5py


def is_zip(path: str) -> bool:
    """As Keras asks (zipfile.is_zipfile): an end-of-central-directory record at the end;
    data before the archive (a prefix) is allowed, as zipfile allows it."""
    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False


def _entries(path: str) -> int:
    """How many entries the central directory holds, counted in the directory itself (the
    end record's count may understate it; zipfile reads the directory by its size), up to
    one past the limit, before zipfile builds one object for each."""
    with open(path, "rb") as fp:
        rec = zipfile._EndRecData(fp)  # the record zipfile itself reads first
        if not rec:
            raise DoctorError("cannot open as a zip file (truncated or corrupt?)")
        size, offset = rec[zipfile._ECD_SIZE], rec[zipfile._ECD_OFFSET]
        start = rec[zipfile._ECD_LOCATION] - size  # where zipfile looks (data may precede)
        if rec[zipfile._ECD_SIGNATURE] == zipfile.stringEndArchive64:
            start -= zipfile.sizeEndCentDir64 + zipfile.sizeEndCentDir64Locator
        if start < 0 or offset > start:
            return 0  # zipfile refuses it ("Bad offset for central directory")
        fp.seek(start)
        count, at = 0, 0
        while at + 46 <= size and count <= MAX_ZIP_ENTRIES:
            head = fp.read(46)
            if len(head) < 46 or head[:4] != zipfile.stringCentralDir:
                break  # zipfile says what is wrong with it
            n, m, k = struct.unpack("<HHH", head[28:34])
            fp.seek(n + m + k, 1)
            at, count = at + 46 + n + m + k, count + 1
        return count


def _decompressor(method: int, read):
    """A decompressor for a zip member's method, as zipfile makes it; None for a stored
    member. Every one is fed with a bound on its output (max_length)."""
    if method == zipfile.ZIP_STORED:
        return None
    if method == zipfile.ZIP_DEFLATED:
        return zlib.decompressobj(-15)
    if method == zipfile.ZIP_BZIP2:
        return bz2.BZ2Decompressor()
    if method == zipfile.ZIP_LZMA:  # zipfile's header: version, properties' size, properties
        head = read(4)
        props = read(struct.unpack("<H", head[2:4])[0]) if len(head) == 4 else b""
        return lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[
            lzma._decode_filter_properties(lzma.FILTER_LZMA1, props)])
    raise NotImplementedError(f"compression method {method} is not supported")


def _to_data(f, info: zipfile.ZipInfo) -> None:
    """Seek f to where a member's data starts, after its local header, checked as zipfile
    checks it (its signature, its name, not encrypted)."""
    if info.flag_bits & 0x1:
        raise RuntimeError("encrypted, a password is required")
    f.seek(info.header_offset)
    head = f.read(30)
    if len(head) < 30 or head[:4] != zipfile.stringFileHeader:
        raise zipfile.BadZipFile("bad magic number for the member's header")
    n, m = struct.unpack("<HH", head[26:30])
    local = f.read(n).decode("utf-8" if info.flag_bits & 0x800 else "cp437")
    if local != info.orig_filename:
        raise zipfile.BadZipFile(f"file name in directory {info.orig_filename!r} and "
                                 f"header {local!r} differ")
    f.seek(m, 1)


def _member(path: str, z: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, as zipfile gives them to Keras, read from the file and decompressed
    with a bound on the output of every step (whatever the method: stored, deflate, bz2,
    LZMA): never more than the size the directory declares, which is within the limit."""
    info = z.getinfo(name)
    if info.file_size > MAX_CONFIG_BYTES:
        raise too_large(name, info.file_size)
    try:
        with open(path, "rb") as f:
            _to_data(f, info)
            left = info.compress_size

            def read(n: int = 1 << 16) -> bytes:
                nonlocal left
                data = f.read(min(n, left))
                left -= len(data)
                return data

            out = _decompress(_decompressor(info.compress_type, read), read, info.file_size)
        if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
            raise zipfile.BadZipFile(f"bad CRC-32 or size for {name!r}")
        return out
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError, lzma.LZMAError) as exc:
        raise DoctorError(f"cannot read {name} from the zip (truncated or corrupt?): "
                          f"{(str(exc).splitlines() or [''])[0]}") from None


def _decompress(dec, read, size: int) -> bytes:
    """At most size + 1 bytes out of the decompressor (one more says it lies)."""
    if dec is None:
        return read(size + 1)
    out, pending = bytearray(), b""
    while not dec.eof and len(out) <= size:
        if hasattr(dec, "unconsumed_tail"):  # zlib: what max_length left is handed back
            pending = pending or read()
            if not pending:
                raise EOFError("compressed data ended before the end-of-stream marker")
            out += dec.decompress(pending, size + 1 - len(out))
            pending = dec.unconsumed_tail
        else:
            chunk = read() if dec.needs_input else b""
            if dec.needs_input and not chunk:
                raise EOFError("compressed data ended before the end-of-stream marker")
            out += dec.decompress(chunk, size + 1 - len(out))
    return bytes(out)


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
        config = load_json(_member(path, z, "config.json"), "config.json")
        meta = (load_json(_member(path, z, "metadata.json"), "metadata.json")
                if "metadata.json" in names else {})
        hdf5 = _weights(path, z) if WEIGHTS in names else []
    meta = meta if isinstance(meta, dict) else {}
    return {"format": "keras", "config": config, "keras_version": meta.get("keras_version"),
            "backend": None, "hdf5": hdf5}


class _Window(io.RawIOBase):
    """A stored member's bytes as a file h5py reads in place: only what HDF5 asks for (its
    metadata) is read, never the whole member."""

    def __init__(self, f, start: int, size: int):
        super().__init__()
        self.f, self.start, self.size, self.pos = f, start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, pos: int, whence: int = 0) -> int:
        self.pos = max(0, pos + (0, self.pos, self.size)[whence])
        return self.pos

    def readinto(self, b) -> int:
        n = max(0, min(len(b), self.size - self.pos))
        if not n:
            return 0
        self.f.seek(self.start + self.pos)
        got = self.f.readinto(memoryview(b)[:n]) or 0
        self.pos += got
        return got


def _weights(path: str, z: zipfile.ZipFile) -> list[dict]:
    """What model.weights.h5, which Keras 3 opens from the zip with h5py, holds that an
    advisory names (the walk of an .h5 file's metadata), each at "model.weights.h5:/its/path".
    A stored member (what Keras writes) is read in place; a compressed one is decompressed
    in memory, within MAX_CONFIG_BYTES (refused with its true size past it)."""
    info = z.getinfo(WEIGHTS)
    if info.compress_type == zipfile.ZIP_STORED:
        try:
            with open(path, "rb") as f:
                _to_data(f, info)
                return walk_hdf5(_Window(f, f.tell(), min(info.file_size, info.compress_size)),
                                 WEIGHTS)
        except (zipfile.BadZipFile, OSError, RuntimeError, UnicodeDecodeError) as exc:
            raise DoctorError(f"cannot read {WEIGHTS} from the zip (truncated or corrupt?): "
                              f"{(str(exc).splitlines() or [''])[0]}") from None
    if info.file_size > MAX_CONFIG_BYTES:
        raise too_large(f"{WEIGHTS}, compressed in the zip (walked in memory; Keras writes it "
                        "stored)", info.file_size)
    return walk_hdf5(io.BytesIO(_member(path, z, WEIGHTS)), WEIGHTS)


def read_keras_dir(path: str) -> dict:
    """An unzipped .keras: a folder with config.json (and metadata.json, model.weights.h5),
    which Keras 3.5 and later load as they load the zip."""
    config_path, meta_path = os.path.join(path, "config.json"), os.path.join(path, "metadata.json")
    check_size(config_path, "config.json")
    with open(config_path, "rb") as f:
        config = load_json(f.read(), "config.json")
    meta = {}
    if os.path.isfile(meta_path):
        check_size(meta_path, "metadata.json")
        with open(meta_path, "rb") as f:
            meta = load_json(f.read(), "metadata.json")
    meta = meta if isinstance(meta, dict) else {}
    weights = os.path.join(path, WEIGHTS)
    return {"format": "keras", "config": config, "keras_version": meta.get("keras_version"),
            "backend": None, "unzipped": True,
            "hdf5": walk_hdf5(weights, WEIGHTS) if os.path.isfile(weights) else []}
