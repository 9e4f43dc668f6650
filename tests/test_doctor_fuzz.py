"""keras-doctor's fuzz target (doctor/fuzz.py, `make fuzz`): every finding it made is a case
of doctor/conformance/fuzz/ the command still gives as recorded; a small fixed-seed run is
clean; and the harness does see a crash, a hang and a memory blow-up when there is one."""
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCTOR = ROOT / "doctor"
sys.path.insert(0, str(DOCTOR))

import fuzz  # noqa: E402  (doctor/fuzz.py)
from tests.test_doctor_spec import node_doctor  # noqa: E402,F401  (a fixture)

CASES = sorted(p.parent for p in fuzz.CASES.glob("*/expected.json"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_finding_of_the_fuzzer_stays_fixed(case):
    expected = json.loads((case / "expected.json").read_text())
    assert fuzz.expected(case, expected["path"]) == expected
    if expected["status"]:
        line = expected["error"]
        assert len(line.splitlines()) == 1 and line.startswith("keras-doctor: error: ")
        assert ": cannot read it (" not in line and not line.endswith("too large to read")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_javascript_doctor_handles_each_finding_too(case, node_doctor):
    """The same modules the page runs, in Node: the command's report again, or a refusal in
    one last line (libhdf5's own wording differs between h5py's build and h5wasm's, and
    h5wasm's library prints its error stack first)."""
    expected = json.loads((case / "expected.json").read_text())
    proc = node_doctor(case, expected["path"])
    assert proc.returncode == expected["status"], proc.stderr[-2000:]
    if expected["status"]:
        line = proc.stderr.splitlines()[-1]
        assert line.startswith(f"{expected['path']}: ") and "cannot read it (" not in line, line
    else:
        assert json.loads(proc.stdout) == expected["report"]


def test_a_fixed_seed_run_is_clean():
    start = time.monotonic()
    found = fuzz.fuzz(seed=36, count=150, timeout=10, memory=1 << 30, out_dir=None,
                      log=lambda line: None)
    print(f"fuzz: 150 inputs in {time.monotonic() - start:.1f} s, slowest {found['slowest']}")
    assert found["ok"] == 150, found["crash"] + found["hang"]


def test_the_harness_sees_a_crash_a_hang_and_memory(tmp_path):
    def raises(argv):
        raise KeyError("unforeseen")

    def spins(argv):
        while True:
            pass

    def allocates(argv):
        return len(bytearray(2 << 30))

    def catch_all(argv):  # what the command prints for an exception it did not foresee
        print("keras-doctor: error: m.h5: cannot read it (KeyError: 'x')", file=sys.stderr)
        return 2

    assert fuzz.run_one("m.h5", 5, 1 << 30, target=raises)[0] == "crash"
    assert fuzz.run_one("m.h5", 1, 1 << 30, target=spins)[0] == "hang"
    assert fuzz.run_one("m.h5", 5, 1 << 30, target=allocates)[0] == "crash"
    assert fuzz.run_one("m.h5", 5, 1 << 30, target=catch_all)[0] == "crash"
    case = json.loads((DOCTOR / "conformance" / "keras3-lambda-h5" / "expected.json").read_text())
    model = DOCTOR / "conformance" / "keras3-lambda-h5" / case["path"]
    verdict, text = fuzz.run_one(str(model), 10, 1 << 30)
    assert verdict == "ok" and json.loads(text)["format"] == "h5"
    (tmp_path / "bad.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(100))
    verdict, text = fuzz.run_one(str(tmp_path / "bad.h5"), 10, 1 << 30)
    assert verdict == "ok" and text.startswith("keras-doctor: error: ")


def test_make_fuzz_runs_the_harness():
    make = (ROOT / "Makefile").read_text()
    assert "\nfuzz: install\n\t$(BIN)/python doctor/fuzz.py --seed $(SEED) --count $(COUNT)" in make
    proc = subprocess.run([sys.executable, str(DOCTOR / "fuzz.py"), "--count", "5", "--seed", "1",
                           "--out", "/nonexistent"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "5 inputs" in proc.stdout and "5 ok, 0 crashes, 0 hangs" in proc.stdout
