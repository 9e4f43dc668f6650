"""keras-doctor's fuzz target: seeded mutations of the conformance corpus (doctor/conformance/),
each run under a time and a memory cap, reporting every crash and hang.

    python doctor/fuzz.py [--seed N] [--count N] [--timeout S] [--memory MB] [--out DIR]
    python doctor/fuzz.py --add out/fuzz/crash-SEED-I NAME   # a finding, as a case
    python doctor/fuzz.py --cases                            # rewrite the cases' expected.json

A run forks one child per input (the doctor imported once, as in a fresh process), with an
address-space limit and a CPU limit, and waits for it up to the timeout. An input is:
  ok       read (status 0, one JSON report) or refused in one line (status 2), as the doctor
           refuses a file it cannot read;
  crash    anything else: a traceback, an exception the doctor did not foresee (its catch-all
           line "cannot read it (SomeError: ...)"), a memory error under the cap ("too large
           to read"), a signal, another status;
  hang     not done within the timeout.
Each crash and hang is written to DIR (out/fuzz/ by default) with what it printed; the status
is 1 when there was any. Once fixed, each becomes a conformance case with --add:
doctor/conformance/fuzz/NAME/ holds the input and expected.json, what the command gives on it
(its status, and its report or its one line), which both doctors must give again
(tests/test_doctor_fuzz.py, tests/test_doctor_browser.py).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "conformance"
CASES = CORPUS / "fuzz"
sys.path.insert(0, str(HERE))

from keras_doctor.cli import main as doctor_main  # noqa: E402
from keras_doctor.readers.h5 import import_h5py  # noqa: E402

INTERESTING = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 2**63 - 1, 2**64 - 1]
METHODS = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]


def seeds() -> list[tuple[Path, Path]]:
    """(what a reader gives the doctor, one file of it to change): each model file of the
    corpus, and each file of a folder model (a SavedModel)."""
    out = []
    for expected in sorted(CORPUS.glob("*/expected.json")):
        target = expected.parent / json.loads(expected.read_text())["path"]
        files = sorted(p for p in target.rglob("*") if p.is_file()) if target.is_dir() else [target]
        out += [(target, f) for f in files]
    return out


def mutate_bytes(rng: random.Random, data: bytes, head: int | None = None) -> bytes:
    """A few byte-level changes; within the first `head` bytes (the metadata) when given."""
    b = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 3, 8])):
        if not b:
            b += bytes([rng.randrange(256)])
        span = min(len(b), head) if head and rng.random() < 0.7 else len(b)
        at = rng.randrange(span)
        op = rng.randrange(7)
        if op == 0:
            b[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            b[at] = rng.choice([0, 0xFF, 0x7F, 0x80, rng.randrange(256)])
        elif op == 2:  # an integer field of 2, 4 or 8 bytes
            n = rng.choice([2, 4, 8])
            v = rng.choice(INTERESTING + [len(b), len(b) + 1, rng.randrange(1 << (8 * n))])
            b[at:at + n] = (v % (1 << (8 * n))).to_bytes(n, "little")
        elif op == 3:
            del b[rng.randrange(len(b)):]
        elif op == 4:
            n = rng.randrange(1, 64)
            b[at:at] = b[at:at + n] * rng.choice([1, 2, 100])
        elif op == 5:
            del b[at:at + rng.randrange(1, 64)]
        else:
            b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
    return bytes(b)


def mutate_json(rng: random.Random, text: bytes) -> bytes:
    """A change to a JSON document that keeps it JSON (most of the time): a value replaced,
    a list repeated, an object nested, or the text itself mutated."""
    try:
        doc = json.loads(text)
    except ValueError:
        return mutate_bytes(rng, text)
    nodes = []

    def walk(v, depth=0):
        if depth < 50 and isinstance(v, (dict, list)):
            for k in (list(v) if isinstance(v, dict) else range(len(v))):
                nodes.append((v, k))
                walk(v[k], depth + 1)
    walk(doc)
    if not nodes or rng.random() < 0.2:
        return mutate_bytes(rng, text)
    for _ in range(rng.choice([1, 1, 2, 4])):
        parent, key = rng.choice(nodes)
        old = parent[key]
        parent[key] = rng.choice([
            None, 0, -1, 2**64, 1e308, "", "x" * rng.randrange(1, 300), [], {}, [old, old],
            {"class_name": "Lambda", "config": old}, {"class_name": old, "config": {}},
            [old] * rng.randrange(2, 50), {"a": old}, "\udc80", "\u202e\x1b[2J", True])
    return json.dumps(doc).encode("utf-8", "surrogatepass")


def mutate_zip(rng: random.Random, data: bytes) -> bytes:
    """A .keras: its members changed (config.json most often) and written again with any
    method zipfile knows; or the archive's bytes changed."""
    if rng.random() < 0.3:
        return mutate_bytes(rng, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    except Exception:  # noqa: BLE001 - a seed that is itself not a zip: bytes then
        return mutate_bytes(rng, data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in members:
            if name.endswith(".json") and rng.random() < 0.7:
                content = mutate_json(rng, content)
            z.writestr(zipfile.ZipInfo(name), content, compress_type=rng.choice(METHODS))
    return out.getvalue()


def mutate_h5(rng: random.Random, data: bytes) -> bytes:
    """An HDF5 model: its model_config attribute (the JSON) changed and written back."""
    h5py = import_h5py()
    buf = io.BytesIO(data)
    with h5py.File(buf, "r+") as f:
        if "model_config" not in f.attrs:
            return mutate_bytes(rng, data, head=4096)
        value = f.attrs["model_config"]
        text = value.encode() if isinstance(value, str) else bytes(value)
        f.attrs["model_config"] = mutate_json(rng, text).decode("utf-8", "replace")
    return buf.getvalue()


def mutate(rng: random.Random, seed: Path) -> bytes:
    data = seed.read_bytes()
    if seed.suffix == ".keras" and data[:2] == b"PK":
        return mutate_zip(rng, data)
    if seed.suffix == ".h5" and rng.random() < 0.4:
        try:
            return mutate_h5(rng, data)
        except (OSError, ValueError, TypeError, UnicodeEncodeError):  # h5py cannot write it
            return mutate_bytes(rng, data, head=4096)
    if seed.suffix == ".json":
        return mutate_json(rng, data) if rng.random() < 0.7 else mutate_bytes(rng, data)
    return mutate_bytes(rng, data, head=4096)  # HDF5, protocol buffers: metadata first


def run_one(path: str, timeout: float, memory: int, target=doctor_main) -> tuple[str, str]:
    """(ok | crash | hang, what it printed), the doctor run in a forked child with limits."""
    out = tempfile.TemporaryFile()
    pid = os.fork()
    if pid == 0:  # the child: limits, its output to the file, the command, its status
        code = 70
        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            cpu = int(timeout) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
            os.dup2(out.fileno(), 1)
            os.dup2(out.fileno(), 2)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
            code = target([path, "--json"])
            sys.stdout.flush()
        except BaseException:  # noqa: BLE001 - what escaped the command is the finding
            traceback.print_exc()
            sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 70)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "hang", ""
        time.sleep(0.002)
    out.seek(0)
    text = out.read().decode("utf-8", "replace")
    out.close()
    return classify(os.waitstatus_to_exitcode(status), text), text


def classify(code: int, text: str) -> str:
    if code == 0:
        try:
            json.loads(text)
            return "ok"
        except ValueError:
            return "crash"
    lines = text.splitlines()
    if code == 2 and len(lines) == 1 and lines[0].startswith("keras-doctor: error: ") and \
            ": cannot read it (" not in lines[0] and not lines[0].endswith(": too large to read"):
        return "ok"
    return "crash"


def fuzz(seed: int, count: int, timeout: float, memory: int, out_dir: Path | None,
         log=print) -> dict:
    rng = random.Random(seed)
    corpus = seeds()
    import_h5py()  # imported once, before the children fork
    found = {"ok": 0, "crash": [], "hang": []}
    slowest = (0.0, None)
    with tempfile.TemporaryDirectory(prefix="kd-fuzz-") as tmp:
        for i in range(count):
            model, src = rng.choice(corpus)
            rel = src.relative_to(CORPUS)
            case_dir = Path(tmp) / str(i)
            case_dir.mkdir()
            target = case_dir / model.name
            if model.is_dir():  # a folder model: copied, one of its files changed
                shutil.copytree(model, target)
            (target / src.relative_to(model) if model.is_dir() else target).write_bytes(
                mutate(rng, src))
            start = time.monotonic()
            verdict, text = run_one(str(target), timeout, memory)
            took = time.monotonic() - start
            slowest = max(slowest, (took, f"{i} {rel}"))
            if verdict == "ok":
                found["ok"] += 1
                shutil.rmtree(case_dir, ignore_errors=True)
                continue
            found[verdict].append({"input": i, "seed": str(rel), "output": text[-2000:]})
            log(f"{verdict}: input {i} (from {rel}): {(text.strip().splitlines() or [''])[-1][:200]}")
            if out_dir is not None:
                dest = out_dir / f"{verdict}-{seed}-{i}"
                shutil.rmtree(dest, ignore_errors=True)
                shutil.copytree(case_dir, dest)
                (dest / "output.txt").write_text(text)
            shutil.rmtree(case_dir, ignore_errors=True)
    found["slowest"] = {"seconds": round(slowest[0], 3), "input": slowest[1]}
    return found


def expected(case: Path, name: str) -> dict:
    """What the command gives on a case's input, run from its folder: status, and report or
    error line."""
    import subprocess

    proc = subprocess.run([sys.executable, "-m", "keras_doctor", name, "--json"], cwd=case,
                          capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(HERE), "PATH": "/usr/bin:/bin"})
    out = {"path": name, "status": proc.returncode}
    if proc.returncode == 0:
        out["report"] = json.loads(proc.stdout)
    else:
        out["error"] = proc.stderr.strip()
    return out


def add_case(found: Path, name: str) -> Path:
    """A fuzz finding (a folder of out/fuzz/) as the case doctor/conformance/fuzz/NAME/."""
    dest = CASES / name
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(found, dest, ignore=shutil.ignore_patterns("output.txt"))
    (model,) = [p.name for p in dest.iterdir()]
    write_expected(dest, model)
    return dest


def write_expected(case: Path, name: str) -> None:
    (case / "expected.json").write_text(json.dumps(expected(case, name), indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--add"] and len(argv) == 3:
        print(add_case(Path(argv[1]), argv[2]))
        return 0
    if argv == ["--cases"]:
        for case in sorted(CASES.glob("*/expected.json")):
            write_expected(case.parent, json.loads(case.read_text())["path"])
            print(case.parent.name)
        return 0
    parser = argparse.ArgumentParser(prog="doctor/fuzz.py", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    parser.add_argument("--memory", type=int, default=1024, help="MB of address space per input")
    parser.add_argument("--out", type=Path, default=HERE.parent / "out" / "fuzz")
    args = parser.parse_args(argv)
    start = time.monotonic()
    found = fuzz(args.seed, args.count, args.timeout, args.memory << 20, args.out)
    print(f"keras-doctor fuzz: seed {args.seed}, {args.count} inputs in "
          f"{time.monotonic() - start:.1f} s: {found['ok']} ok, {len(found['crash'])} crashes, "
          f"{len(found['hang'])} hangs; slowest {found['slowest']['seconds']} s "
          f"(input {found['slowest']['input']})")
    return 1 if found["crash"] or found["hang"] else 0


if __name__ == "__main__":
    sys.exit(main())
