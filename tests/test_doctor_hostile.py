"""keras-doctor on hostile and odd inputs (the classes an outside fuzzing campaign found).

Each input is made here, small, in a temporary folder. Each run is a fresh process with a
500 MB address-space limit and a timeout, in that folder, with "." first on PATH and a fake
`uname` beside the file: no traceback, no hang, nothing written, nothing run; a file the
doctor cannot read gets one line on stderr and exit status 2.
"""
import base64
import bz2
import json
import lzma
import marshal
import os
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import h5py
import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCTOR = ROOT / "doctor"
LIMIT_AS = 500 * 2**20
TIMEOUT = 20


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))


def doctor(d: Path, *args):
    """Run it as a reader would, bounded; return (exit status, stdout, stderr, seconds). The
    seconds are the command's CPU time (user + system): what a hang or a blow-up costs,
    whatever else the machine runs meanwhile (its wall clock is bounded by TIMEOUT)."""
    before = {p: p.stat().st_mtime_ns for p in d.rglob("*")}
    env = {"PATH": f".{os.pathsep}/usr/bin{os.pathsep}/bin", "PYTHONPATH": str(DOCTOR),
           "HOME": str(d), "LANG": "C.UTF-8"}
    start = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "keras_doctor", *args], cwd=d, env=env,
                          capture_output=True, timeout=TIMEOUT, preexec_fn=_limits)
    end = resource.getrusage(resource.RUSAGE_CHILDREN)
    took = end.ru_utime - start.ru_utime + end.ru_stime - start.ru_stime
    after = {p: p.stat().st_mtime_ns for p in d.rglob("*")}
    assert after == before, "the doctor wrote or changed a file"
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")  # valid UTF-8, always
    assert "Traceback" not in err, err[-2000:]
    return proc.returncode, out, err, took


def refused(d, name, why=None):
    code, out, err, _ = doctor(d, name)
    assert code == 2 and out == "", (code, out[:500], err[:500])
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("keras-doctor: error: "), err[:1000]
    if why:
        assert why in err, err
    code, out, err, _ = doctor(d, name, "--json")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    return lines[0]


def read(d, name):
    code, out, err, _ = doctor(d, name, "--json")
    assert code == 0 and err == "", err[:2000]
    rep = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in --json"))
    code, text, err, _ = doctor(d, name)
    assert code == 0 and err == "", err[:2000]
    return rep, text


# --------------------------------------------------------------------------- builders


def lambda_b64(code=None) -> str:
    code = code or (lambda y: tf.abs(y)).__code__  # noqa: F821 - never run
    return base64.b64encode(marshal.dumps(code)).decode()


def model_config(*layers) -> dict:
    return {"class_name": "Functional", "config": {"name": "m", "layers": [
        {"class_name": "InputLayer", "config": {"name": "input"}}, *layers]}}


def lambda_layer(name="lambda", b64=None) -> dict:
    return {"module": "keras.layers", "class_name": "Lambda", "config": {
        "name": name, "function": {"class_name": "__lambda__", "config": {
            "code": b64 or lambda_b64(), "defaults": None, "closure": None}}}}


def dense(name="dense") -> dict:
    return {"class_name": "Dense", "config": {"name": name, "units": 1}}


def keras_zip(path: Path, config: dict, prefix: bytes = b"", method=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", method) as z:
        z.writestr("config.json", json.dumps(config))
        z.writestr("metadata.json", json.dumps({"keras_version": "3.15.1"}))
    if prefix:
        path.write_bytes(prefix + path.read_bytes())


def plain_h5(path: Path, userblock: int = 0, **attrs):
    kw = {"userblock_size": userblock} if userblock else {}
    with h5py.File(path, "w", **kw) as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(model_config(dense()))
        for k, v in attrs.items():
            f.attrs[k] = v


@pytest.fixture
def d(tmp_path):
    fake = tmp_path / "uname"  # would run if anything looked `uname` up through PATH
    fake.write_text("#!/bin/sh\necho ran > uname-ran\n")
    fake.chmod(0o755)
    return tmp_path


def kinds(rep):
    return [(layer["class_name"], layer["kind"]) for layer in rep["layers"]]


def codes(rep):
    return {f["code"] for f in rep["findings"]}


# --------------------------------------------------------------------------- one file, two formats


def test_h5_with_a_zip_appended_named_keras_reads_the_zip(d):
    plain_h5(d / "benign.h5")
    keras_zip(d / "lambda.keras", model_config(lambda_layer()))
    (d / "x.keras").write_bytes((d / "benign.h5").read_bytes() + (d / "lambda.keras").read_bytes())
    (d / "x.h5").write_bytes((d / "x.keras").read_bytes())
    rep, _ = read(d, "x.keras")  # what Keras reads for a .keras name: the zip, and its Lambda
    assert rep["format"] == "keras" and ("Lambda", "lambda") in kinds(rep)
    assert {"KD001", "KD019"} <= codes(rep)
    rep, _ = read(d, "x.h5")  # for a .h5 name: the HDF5 model
    assert rep["format"] == "h5" and kinds(rep) == [("InputLayer", "builtin"), ("Dense", "builtin")]
    assert "KD019" in codes(rep)


def test_zip_in_an_hdf5_user_block_named_h5(d):
    keras_zip(d / "lambda.keras", model_config(lambda_layer()))
    zbytes = (d / "lambda.keras").read_bytes()
    block = 1 << max(9, (len(zbytes) - 1).bit_length())
    plain_h5(d / "x.h5", userblock=block)
    with open(d / "x.h5", "r+b") as f:
        f.write(zbytes)
    rep, _ = read(d, "x.h5")
    assert rep["format"] == "h5" and kinds(rep) == [("InputLayer", "builtin"), ("Dense", "builtin")]


def test_renamed_files_say_the_name_is_wrong(d):
    plain_h5(d / "h5_named.keras")
    keras_zip(d / "zip_named.h5", model_config(dense()))
    rep, _ = read(d, "h5_named.keras")
    assert rep["format"] == "h5" and "KD018" in codes(rep)
    rep, _ = read(d, "zip_named.h5")
    assert rep["format"] == "keras" and "KD018" in codes(rep)


# --------------------------------------------------------------------------- hangs


def test_one_nested_code_object_reused_at_every_level(d):
    code = (lambda: 0).__code__
    for _ in range(28):  # each level holds the one below twice: 2**28 paths, 29 objects
        code = code.replace(co_consts=(code, code))
    keras_zip(d / "m.keras", model_config(lambda_layer(b64=lambda_b64(code))))
    assert len((d / "m.keras").read_bytes()) < 20_000
    _, _, _, took = doctor(d, "m.keras")
    rep, _ = read(d, "m.keras")
    assert took < 5 and ("Lambda", "lambda") in kinds(rep)


def marshal_sharing_one_instruction_string(kids: int, size: int) -> bytes:
    """A code object whose constants are `kids` code objects that all share, by marshal
    reference, one instruction string of `size` NOPs (the 3.11+ layout, written by hand)."""
    def i32(n):
        return n.to_bytes(4, "little", signed=True)

    def by(b, ref=False):
        return bytes([ord("s") | (0x80 if ref else 0)]) + i32(len(b)) + b

    def code(instructions, consts=b")\x00", ref=False):
        return (bytes([0xE3 if ref else 0x63]) + i32(1) + i32(0) + i32(0) + i32(2) + i32(3)
                + instructions + consts + b")\x00" * 3 + b"z\x04f.py" + b"z\x01f" * 2
                + i32(1) + by(b"") + by(b""))
    shared = bytes([151, 0]) + bytes([9, 0]) * size  # RESUME, then NOPs
    consts = [code(by(shared, ref=True))] + [code(b"r" + i32(1))] * (kids - 1)  # ref 1: shared
    return code(by(bytes([151, 0, 9, 0])), b"(" + i32(kids) + b"".join(consts), ref=True)


def test_one_instruction_string_shared_by_9000_code_objects(d):
    """Each distinct instruction string is checked once: before, an estimated 30 minutes
    (every sharer rescanned 100 KB for each Python version)."""
    raw = marshal_sharing_one_instruction_string(9000, 50_000)
    keras_zip(d / "m.keras", model_config(lambda_layer(b64=base64.b64encode(raw).decode())),
              method=zipfile.ZIP_DEFLATED)
    assert len((d / "m.keras").read_bytes()) < 5_000
    _, _, _, took = doctor(d, "m.keras")
    rep, _ = read(d, "m.keras")
    assert took < 2 and rep["layers"][1]["function"]["python"] == "3.11 or 3.12"


def test_99999_lambdas_are_refused_with_their_count_10000_are_read(d):
    """Each stored function is read as bytecode: more than MAX_FUNCTIONS (10,000) are counted
    in the config's text and refused with the count (before: 99,999 took 19 s here, 5 s of CPU
    after the bytecode reader's own fixes); 10,000 distinct ones are read."""
    code = (lambda: 0).__code__

    def keras2_lambda(i):
        return {"class_name": "Lambda", "config": {"name": f"l{i}", "function_type": "lambda",
                "function": [lambda_b64(code.replace(co_name=f"f{i}")), None, None]}}
    keras_zip(d / "many.keras", model_config(*[lambda_layer(f"k{i}") for i in range(49_999)],
                                             *[keras2_lambda(i) for i in range(50_000)]),
              method=zipfile.ZIP_DEFLATED)
    _, _, _, took = doctor(d, "many.keras")
    assert took < 5  # 0.06 s of CPU for the command; the page inflates 25 MB first
    assert "stores 99999 Python functions" in refused(d, "many.keras", "the limit is 10000")
    keras_zip(d / "some.keras", model_config(*[keras2_lambda(i) for i in range(10_000)]),
              method=zipfile.ZIP_DEFLATED)
    rep, _ = read(d, "some.keras")
    assert [layer["function"]["name"] for layer in rep["layers"][1:]] == [f"f{i}" for i in range(10_000)]


def test_a_marshalled_integer_of_600k_digits(d):
    code = (lambda: 0).__code__.replace(co_consts=(10 ** 600_000,))
    keras_zip(d / "m.keras", model_config(lambda_layer(b64=lambda_b64(code))))
    _, _, _, took = doctor(d, "m.keras", "--json")
    assert took < 5
    read(d, "m.keras")


def test_sparse_and_many_field_protocol_buffers(d):
    (d / "sparse").mkdir()
    with open(d / "sparse" / "saved_model.pb", "wb") as f:
        f.truncate(1 << 30)  # 1 GiB of zeros, nothing on disk
    refused(d, "sparse")
    (d / "fields").mkdir()
    (d / "fields" / "saved_model.pb").write_bytes(b"\x08\x01" * 3_000_000)
    _, _, _, took = doctor(d, "fields")
    assert took < 10
    refused(d, "fields")
    (d / "meta").mkdir()
    (d / "meta" / "saved_model.pb").write_bytes(b"\x12\x00")  # one empty meta graph
    with open(d / "meta" / "keras_metadata.pb", "wb") as f:
        f.truncate(1 << 30)
    refused(d, "meta", "too large")


def test_a_global_heap_the_hdf5_library_would_walk_forever(d):
    plain_h5(d / "m.h5")  # its string attributes live in a global heap collection
    raw = bytearray((d / "m.h5").read_bytes())
    at = raw.index(b"GCOL\x01\x00\x00\x00")
    end, p = at + int.from_bytes(raw[at + 8:at + 16], "little"), at + 16
    while int.from_bytes(raw[p:p + 2], "little"):  # to the free space (object 0)
        p += 16 + ((int.from_bytes(raw[p + 8:p + 16], "little") + 7) & ~7)
    raw[p + 8:p + 16] = bytes(8)  # free space of size 0: libhdf5 steps by it forever
    (d / "m.h5").write_bytes(bytes(raw))
    assert "global heap" in refused(d, "m.h5")


def test_a_string_attribute_declaring_a_huge_length(d):
    plain_h5(d / "m.h5")
    raw = bytearray((d / "m.h5").read_bytes())
    gcol = raw.index(b"GCOL\x01\x00\x00\x00")
    ids = [raw.find((6).to_bytes(4, "little") + gcol.to_bytes(8, "little") + i.to_bytes(4, "little"))
           for i in range(1, 4)]  # the heap id of keras_version ("2.15.0", 6 bytes)
    at = next(i for i in ids if i > 0)
    raw[at:at + 4] = (2**31 - 1).to_bytes(4, "little")  # libhdf5 allocates what it declares
    (d / "m.h5").write_bytes(bytes(raw))
    refused(d, "m.h5")


# --------------------------------------------------------------------------- memory


def test_a_1_mib_layer_name_among_5000_layers(d):
    layers = [dense("n" * 2**20)] + [dense(f"d{i}") for i in range(5000)]
    (d / "model.json").write_text(json.dumps(model_config(*layers)))
    rep, text = read(d, "model.json")
    assert len(rep["layers"]) == 5002 and len(rep["layers"][1]["name"]) == 2**20
    assert max(len(line) for line in text.splitlines()) < 300


def test_zip_directory_understating_a_member(d):
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * (16 << 20)
    data = b"".join(comp.compress(chunk) for _ in range(40)) + comp.flush()  # 640 MiB inflated
    with zipfile.ZipFile(d / "m.keras", "w") as z:
        info = zipfile.ZipInfo("config.json")
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, b"{}")
    raw = bytearray((d / "m.keras").read_bytes())
    # rebuild the archive by hand: the member's data replaced, its declared sizes kept small
    local_end = 30 + len("config.json")
    old_size = int.from_bytes(raw[18:22], "little")
    cd = raw[local_end + old_size:]
    raw = raw[:local_end] + data + cd
    raw[18:22] = len(data).to_bytes(4, "little")  # compressed size: true, file size: 2 bytes
    c = local_end + len(data)
    raw[c + 20:c + 24] = len(data).to_bytes(4, "little")
    eocd = raw.rindex(b"PK\x05\x06")
    raw[eocd + 16:eocd + 20] = c.to_bytes(4, "little")
    (d / "m.keras").write_bytes(bytes(raw))
    assert "config.json" in refused(d, "m.keras")  # read, and found corrupt: not a MemoryError


def bomb_zip(path: Path, method: int, data: bytes, declared: int):
    """A zip whose config.json is `data` compressed with `method`; its directory declares
    `declared` bytes (CRC-32 of an empty member: what is compressed is never checked)."""
    with zipfile.ZipFile(path, "w", method) as z:
        z.writestr("config.json", b"")
    raw = bytearray(path.read_bytes())
    c = raw.rindex(b"PK\x01\x02")
    cd = raw[c:]
    if method == zipfile.ZIP_LZMA:  # zipfile's header before the raw LZMA stream
        props = lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1, "preset": 1})
        data = b"\x09\x04" + len(props).to_bytes(2, "little") + props + data
    raw = raw[:c - (int.from_bytes(raw[18:22], "little"))] + data
    raw[18:22] = cd[20:24] = len(data).to_bytes(4, "little")
    raw[22:26] = cd[24:28] = declared.to_bytes(4, "little")
    end = cd.rindex(b"PK\x05\x06")
    cd[end + 16:end + 20] = len(raw).to_bytes(4, "little")
    path.write_bytes(bytes(raw + cd))


def spaces(method: int, n: int) -> bytes:
    comp = bz2.BZ2Compressor(9) if method == zipfile.ZIP_BZIP2 else lzma.LZMACompressor(
        lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA1, "preset": 1}])
    return b"".join(comp.compress(b" " * (1 << 24)) for _ in range(n >> 24)) + comp.flush()


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bz2", "lzma"])
def test_bz2_and_lzma_bombs_are_bounded(d, method):
    """256 MiB of spaces in a small zip: refused by the size its directory declares (the true
    one), or, declared as 100 bytes, read no further than 101 bytes. Before, every bz2 or LZMA
    member was decompressed whole (1 GiB: 2 GB of memory; here: past the 500 MB cap)."""
    data = spaces(method, 256 << 20)
    bomb_zip(d / "true.keras", method, data, declared=256 << 20)
    bomb_zip(d / "lie.keras", method, data, declared=100)
    assert len((d / "true.keras").read_bytes()) < 200_000
    assert f"({256 << 20} bytes;" in refused(d, "true.keras", "config.json is too large")
    assert "config.json" in refused(d, "lie.keras")


def test_zip_end_record_understating_its_entries(d):
    """The central directory holds 150,000 entries; the end record says 3. Counted in the
    directory, before zipfile builds one object each (before: seconds and hundreds of MB)."""
    with zipfile.ZipFile(d / "m.keras", "w") as z:
        z.writestr("config.json", json.dumps(model_config(dense())))
        for i in range(150_000):
            z.writestr(f"{i}", b"")
    raw = bytearray((d / "m.keras").read_bytes())
    e = raw.rindex(b"PK\x06\x06")  # more than 65,535: the ZIP64 end record holds the count
    raw[e + 24:e + 40] = (3).to_bytes(8, "little") * 2
    (d / "m.keras").write_bytes(bytes(raw))
    _, _, _, took = doctor(d, "m.keras")
    assert took < 3
    assert "more than 100000 entries" in refused(d, "m.keras")


def test_a_50_mib_config_json_is_read_and_a_larger_one_refused_with_its_size(d):
    """Keras loads a 50 MiB config.json: so does the doctor. Above the limit, the message
    gives the true size (it said "33 MiB" for 50 MiB, the point where it stopped reading)."""
    cfg = json.dumps(model_config(dense("n" * (50 << 20))))
    with zipfile.ZipFile(d / "fifty.keras", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("config.json", cfg)
    rep, _ = read(d, "fifty.keras")
    assert len(rep["layers"][1]["name"]) == 50 << 20
    cfg = json.dumps(model_config(dense("n" * (70 << 20))))
    with zipfile.ZipFile(d / "seventy.keras", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("config.json", cfg)
    assert f"({len(cfg)} bytes;" in refused(d, "seventy.keras", "too large")


def test_a_dataset_that_looks_like_a_global_heap_is_not_refused(d):
    """Only the collections the root's string attributes point at are walked (found in the
    root's object header), never the whole file: a dataset holding a collection's signature
    and a corrupt size is data, not a heap."""
    import numpy as np

    plain_h5(d / "m.h5")
    fake = b"GCOL\x01\x00\x00\x00" + (2**40).to_bytes(8, "little") + bytes(4096)
    with h5py.File(d / "m.h5", "a") as f:
        f["weights"] = np.frombuffer(fake * 4, dtype=np.uint8)
    rep, _ = read(d, "m.h5")
    assert rep["format"] == "h5" and rep["keras_version"] == "2.15.0"


def test_h5_config_sizes_checked_on_the_type_keras_writes(d):
    huge = json.dumps(model_config(dense("x" * (66 << 20))))
    assert len(huge) > 64 * 2**20
    with h5py.File(d / "vlen.h5", "w") as f:  # a Python str: a variable-length string
        f.attrs["model_config"] = huge
    assert f"({len(huge)} bytes;" in refused(d, "vlen.h5", "too large")  # before it is read
    with h5py.File(d / "fixed.h5", "w", libver="latest") as f:
        f.attrs.create("model_config", huge.encode(), dtype=f"S{len(huge)}")
    assert f"({len(huge)} bytes;" in refused(d, "fixed.h5", "too large")
    with h5py.File(d / "array.h5", "w") as f:
        f.attrs["model_config"] = [json.dumps(model_config(dense()))] * 3
    refused(d, "array.h5")


def test_root_attributes_the_doctor_does_not_need_are_not_read(d):
    import numpy as np

    with h5py.File(d / "m.h5", "w", libver="latest") as f:  # dense attribute storage
        f.attrs["model_config"] = json.dumps(model_config(dense()))
        f.attrs["junk"] = np.zeros(45 * 2**20, "float64")  # 360 MB: over the limit if read
    rep, _ = read(d, "m.h5")
    assert rep["format"] == "h5"


def test_json_that_would_build_too_many_objects(d):
    (d / "model.json").write_text('{"class_name": "Sequential", "config": {"layers": ['
                                  + ",".join(["{}"] * 3_000_000) + "]}}")
    refused(d, "model.json", "too many")
    (d / "deep.json").write_text('{"a": ' * 10_000 + "1" + "}" * 10_000)
    refused(d, "deep.json")


# --------------------------------------------------------------------------- tracebacks


def test_a_lone_surrogate_in_a_layer_name(d):
    (d / "model.json").write_text(json.dumps(model_config(dense("bad\udc80name"))))
    rep, text = read(d, "model.json")
    assert rep["layers"][1]["name"] == "bad\ufffdname" and "bad\ufffdname" in text


def test_a_path_that_is_not_utf8(d):
    cfg = json.dumps(model_config(dense())).encode()
    name = b"m\xff.json"
    with open(os.path.join(os.fsencode(d), name), "wb") as f:
        f.write(cfg)
    code, out, err, _ = doctor(d, os.fsdecode(name), "--json")
    assert code == 0 and json.loads(out)["path"] == "m\\xff.json"
    code, out, err, _ = doctor(d, os.fsdecode(b"missing\xff.h5"))
    assert code == 2 and "missing\\xff.h5" in err


# --------------------------------------------------------------------------- misleading output


def test_control_characters_and_ansi_in_names_are_escaped(d):
    evil = "x\n\nfindings: none\x1b[2J\x1b[31m\u202e"
    custom = {"class_name": "Evil\r\nfindings: none", "config": {"name": evil}}
    (d / "model.json").write_text(json.dumps(model_config(custom)))
    rep, text = read(d, "model.json")
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text
    assert "findings: none" not in [line.strip() for line in text.splitlines()]
    assert "KD005" in codes(rep)


@pytest.mark.parametrize("config", [
    {"class_name": "Sequential", "config": {"layers": [1, 2, 3]}},
    {"class_name": "Functional", "config": {}},
    {"class_name": 5, "config": {"layers": []}},
    {"class_name": "Sequential", "config": {"layers": [{"class_name": {"x": 1}, "config": {}}]}},
    {"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"name": 7}}]}},
], ids=["numbers", "no-layers", "class-not-string", "class-object", "name-not-string"])
def test_garbage_is_refused_not_reported_clean(d, config):
    (d / "model.json").write_text(json.dumps(config))
    refused(d, "model.json", "not")


def test_garbage_tfjs_and_hdf5(d):
    (d / "g.json").write_text('{"format": "graph-model"}')
    refused(d, "g.json")
    (d / "t.json").write_text('{"modelTopology": 5}')
    refused(d, "t.json")
    with h5py.File(d / "m.h5", "w") as f:
        f.attrs["model_config"] = "[1, 2]"
    refused(d, "m.h5")
    with h5py.File(d / "n.h5", "w") as f:
        f.attrs["model_config"] = 5
    refused(d, "n.h5")


def test_json_output_is_strict_and_typed(d):
    cfg = ('{"class_name": "Sequential", "keras_version": {"a": [1]}, "backend": NaN, '
           '"config": {"layers": [{"class_name": "Dense", "module": 3, "config": '
           '{"name": "d", "rate": Infinity, "x": -Infinity}}]}}')
    (d / "model.json").write_text(cfg)
    rep, _ = read(d, "model.json")  # read() parses --json refusing NaN/Infinity
    assert rep["keras_version"] is None and rep["backend"] is None
    assert rep["layers"][0]["module"] is None


def test_bytecode_without_flag_ref_is_read_with_its_globals(d):
    b64 = base64.b64encode(marshal.dumps(compile("lambda y: tf.abs(y)", "<s>", "eval"))).decode()
    assert base64.b64decode(b64)[:1] == b"c"  # this Python writes it without FLAG_REF
    keras_zip(d / "m.keras", model_config(lambda_layer(b64=b64)))
    rep, _ = read(d, "m.keras")
    fn = rep["layers"][1]["function"]
    here = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert here in fn["python"] and fn["globals"] == ["tf"], fn


def test_one_truncated_lambda_is_reported_alone(d):
    bad = (lambda: tf).__code__.replace(co_code=bytes([151, 0, 116, 0]))  # noqa: F821
    truncated = base64.b64encode(marshal.dumps((lambda y: y).__code__)[:20]).decode()
    keras_zip(d / "m.keras", model_config(lambda_layer("bad", lambda_b64(bad)),
                                          lambda_layer("cut", truncated), lambda_layer("good")))
    rep, _ = read(d, "m.keras")
    by = {f["layer"]: set() for f in rep["findings"]}
    for f in rep["findings"]:
        by[f["layer"]].add(f["code"])
    assert "KD016" in by["cut"] and {"KD001", "KD002", "KD003"} <= by["good"]
    assert rep["layers"][3]["function"]["globals"] == ["tf"]


# --------------------------------------------------------------------------- false refusals


def test_files_keras_loads_are_read(d):
    keras_zip(d / "prefixed.keras", model_config(dense()), prefix=b"#!junk\n" * 100)
    rep, _ = read(d, "prefixed.keras")
    assert rep["format"] == "keras"
    plain_h5(d / "block.h5", userblock=1 << 20)
    rep, _ = read(d, "block.h5")
    assert rep["format"] == "h5"
    (d / "model.json").write_text(" \n\t" * 50_000 + json.dumps(model_config(dense())))
    (d / "model_json_noext").write_text(" " * 100_000 + json.dumps(model_config(dense())))
    assert read(d, "model.json")[0]["format"] == "json"
    assert read(d, "model_json_noext")[0]["format"] == "json"


def test_an_unzipped_keras_folder_is_read(d):
    """Keras 3.5+ loads a folder holding config.json, metadata.json and model.weights.h5."""
    keras_zip(d / "m.keras", model_config(lambda_layer()))
    with zipfile.ZipFile(d / "m.keras") as z:
        z.extractall(d / "unzipped")
    rep, _ = read(d, "unzipped")
    assert rep["format"] == "keras" and rep["keras_version"] == "3.15.1"
    assert ("Lambda", "lambda") in kinds(rep) and "KD001" in codes(rep)


def test_upper_case_names_are_read_as_keras_reads_them(d):
    """Keras 3 matches '.keras' and '.h5' exactly and refuses model.KERAS; tf-keras opens any
    name but a lower-case .keras zip as HDF5: an HDF5 Lambda model with a zip appended,
    named .KERAS, runs the HDF5's Lambda there. The doctor reports the HDF5 model."""
    with h5py.File(d / "lambda.h5", "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["model_config"] = json.dumps(model_config(lambda_layer()))
    keras_zip(d / "benign.keras", model_config(dense()))
    (d / "x.KERAS").write_bytes((d / "lambda.h5").read_bytes() + (d / "benign.keras").read_bytes())
    rep, _ = read(d, "x.KERAS")
    assert rep["format"] == "h5" and ("Lambda", "lambda") in kinds(rep)
    assert {"KD001", "KD018"} <= codes(rep)
    (d / "m.H5").write_bytes((d / "lambda.h5").read_bytes())
    rep, _ = read(d, "m.H5")
    assert rep["format"] == "h5" and "KD018" in codes(rep)
    (d / "z.Keras").write_bytes((d / "benign.keras").read_bytes())
    rep, _ = read(d, "z.Keras")
    assert rep["format"] == "keras" and "KD018" in codes(rep)


@pytest.mark.parametrize("value", [b"2.15.0", 3, [b"2.15.0"], [1.5, 2.5]],
                         ids=["bytes", "int", "array-of-bytes", "array-of-floats"])
def test_version_and_backend_attributes_of_other_types(d, value):
    """Keras reads keras_version and backend of any type (decoded when they can be): the
    doctor reads the file, with the version when it is text."""
    import numpy as np

    with h5py.File(d / "m.h5", "w") as f:
        f.attrs["model_config"] = json.dumps(model_config(dense()))
        f.attrs["keras_version"] = np.array(value) if isinstance(value, list) else value
        f.attrs["backend"] = np.array(value) if isinstance(value, list) else value
    rep, _ = read(d, "m.h5")
    assert rep["format"] == "h5"
    assert rep["keras_version"] == ("2.15.0" if value in (b"2.15.0", [b"2.15.0"]) else None)


# --------------------------------------------------------------------------- never runs a program


def test_no_program_is_spawned(d):
    plain_h5(d / "m.h5")
    read(d, "m.h5")
    assert not (d / "uname-ran").exists(), "a program was looked up through PATH and run"
