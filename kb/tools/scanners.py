"""keras-doctor side by side with two model-file scanners from PyPI, modelscan and ModelAudit,
on the same files: the doctor's conformance corpus and files real Keras writes with the
differential generator (kb/tools/differential_runner.py), each with its ground truth.

    python -m kb.tools.scanners lock      # runtimes/scanners/<scanner>.lock from SCANNERS
    python -m kb.tools.scanners build     # .runtimes/scanner-<name>-<version>/ from its lock
    python -m kb.tools.scanners run       # build, make the corpus, run all three on every file
                                          # (each as its CLI, one process per file) and write
                                          # results/scanners/scanners.json   (make scanners)
    python -m kb.tools.scanners run keras-doctor   # only the doctor again, on the recorded
                                          # files (after a change of the doctor: seconds)
    python -m kb.tools.scanners batch     # each tool once over all the recorded files (the
                                          # time of one command, as CI runs a scanner)

Ground truth is what a file holds, never what a tool says: for a generated file, the features
the generator put in (and whether a real load on its writer ran the stored canary); for a
conformance case, what the snippet that made it stored (CASES below).
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from kb.engine import runtimes
from kb.tools import environments

ROOT = runtimes.ROOT
LOCKS = ROOT / "runtimes" / "scanners"
RESULTS = ROOT / "results" / "scanners" / "scanners.json"
PYTHON = "3.11"

# Each scanner: its PyPI requirement (with the extras it needs to read .h5, .keras and
# SavedModel files, from its metadata), its CLI in the venv, and the environment that keeps
# it from phoning home (modelscan has no telemetry).
SCANNERS = {
    "modelscan": {
        "version": "0.8.8",
        "requirements": ["modelscan[tensorflow,h5py]==0.8.8"],
        "command": ["modelscan", "--path"],
        "env": {},
    },
    "modelaudit": {
        "version": "0.2.54",
        "requirements": ["modelaudit[h5]==0.2.54"],
        "command": ["modelaudit", "scan", "--format", "json"],
        # its telemetry is on unless one of these is set (modelaudit/telemetry.py, _is_disabled)
        "env": {"PROMPTFOO_DISABLE_TELEMETRY": "1", "NO_ANALYTICS": "1"},
    },
}


def name(scanner: str) -> str:
    return f"scanner-{scanner}-{SCANNERS[scanner]['version']}"


def lockfile(scanner: str) -> Path:
    return LOCKS / f"{name(scanner)}.lock"


def venv(scanner: str) -> Path:
    return runtimes.ENVS / name(scanner)


def lock(scanner: str) -> None:
    environments.compile_lock(SCANNERS[scanner]["requirements"], PYTHON, lockfile(scanner))


def build(scanner: str) -> str:
    lf = lockfile(scanner)
    if not lf.exists():
        raise SystemExit(f"no lock for {scanner}: run `python -m kb.tools.scanners lock`")
    digest = hashlib.sha256(lf.read_bytes()).hexdigest()
    if environments.up_to_date(venv(scanner), digest):
        return "up to date"
    start = time.perf_counter()
    environments.install(venv(scanner), PYTHON, lf)
    (venv(scanner) / ".lock-sha256").write_text(digest)
    return f"built in {time.perf_counter() - start:.0f} s"


# --- the corpus -----------------------------------------------------------------------------

CORPUS = ROOT / "results" / "scanners"  # the generated files, kept beside the results
CONFORMANCE = ROOT / "doctor" / "conformance"
# The conformance cases, from what the snippet that made each one stored
# (snippets/conformance/*.py): "code" when the file holds Python bytecode, or names a Keras
# function, that Keras turns into a callable without being given it; else None (built-in
# layers, TensorFlow ops, a traced graph, or user classes and functions the loader must be
# given). The fuzz/ cases are damaged files with no model to hold anything: not in the corpus.
CASES = {
    "keras2-plain-h5": None,
    "keras2-plain-keras": None,
    "keras2-savedmodel": None,  # a TFOpLambda (tf.math.pow by name), no Lambda
    "keras2-tfoplambda-h5": None,
    "keras3-activation-lambda-keras": "a lambda as a Dense activation",
    "keras3-custom-h5": None,  # a custom layer, a registered class, a named activation
    "keras3-custom-keras": None,
    "keras3-export": None,  # a Lambda model exported: a traced TensorFlow graph, no bytecode
    "keras3-global-lambda-h5": "a Lambda's lambda",
    "keras3-h5-and-zip-named-keras": "a Lambda's lambda, in a zip appended to an .h5",
    "keras3-h5-named-keras": "a Lambda's lambda, an .h5 named .keras",
    "keras3-lambda-h5": "a Lambda's lambda",
    "keras3-lambda-keras": "a Lambda's lambda",
    "keras3-named-function-keras": None,  # Lambda(double): a user function by name
    "keras3-ops-h5": None,  # keras.ops on a Keras tensor: built-in operation layers
    "keras3-output-shape-lambda-keras": "a Lambda's output_shape lambda",
    "keras3-public-function-keras": "a Lambda naming a Keras function (keras.ops.abs)",
    "keras3-unreadable-lambda": "a Lambda's lambda, its bytecode cut short",
    "keras3-weights-only": None,
    "keras3-wrapped-lambda-keras": "a Lambda's lambda inside TimeDistributed",
    "tf-keras-hub-h5": None,  # a hub.KerasLayer: a SavedModel handle, no Python
    "tfjs-lambda": "a Lambda's lambda in a TF.js model.json",
}

# what the generator's features put in a file (kb/tools/differential_runner.py FEATURES) that
# Keras turns into a callable without being given it, by the writer's family
CODE_FEATURES = {
    "lambda": "a Lambda's lambda", "nested_lambda": "a Lambda's lambda in a nested model",
    "wrapped_lambda": "a Lambda's lambda inside TimeDistributed",
    "activation_lambda": "a lambda as a Dense activation", "loss_lambda": "a lambda as the loss",
    "output_shape_lambda": "a Lambda's output_shape lambda",
    "public_fn": "a Lambda naming a Keras function (keras.ops.abs)",
    "denied_fn": "a Lambda naming a Keras function (keras.models.model_from_json)",
}
# Keras 2 and tf-keras differ: a Lambda stores any Python function it wraps as bytecode, a
# named one too (Lambda.get_config, generic_utils.func_dump: a def is a LambdaType), and a
# function stored by name is looked up in custom_objects only (the runner's hand edit names
# abs and model_from_json so: not code there)
KERAS2_CODE = {**{k: v for k, v in CODE_FEATURES.items() if k not in ("public_fn", "denied_fn")},
               "named": "a Lambda's named function, stored as bytecode"}


def stored_code(features: list[str], family: str, fmt: str) -> list[str]:
    """What a file of ``fmt`` holds that Keras would run, from the features its writer's family
    stored. A loss is stored as bytecode in a .keras file's compile_config only: an .h5 file's
    training_config names it ("<lambda>")."""
    table = CODE_FEATURES if family == "keras3" else KERAS2_CODE
    if family != "keras3" and fmt == "savedmodel":  # the runner's hand edit (edit_public) is
        # made in .keras and .h5 files only: a SavedModel keeps the named function's bytecode
        table = {**table, "public_fn": KERAS2_CODE["named"], "denied_fn": KERAS2_CODE["named"]}
    return [table[f] for f in features if f in table and (f != "loss_lambda" or fmt == "keras")]


# the releases that write the generated files, each with (seeds, models per seed)
WRITERS = {"keras3-3.15.1": ([1, 2], 8), "tf-keras-2.21.0": ([1], 6), "keras2-2.15.0": ([1], 8)}


def conformance_files() -> list[dict]:
    out = []
    for case, what in CASES.items():
        path = json.loads((CONFORMANCE / case / "made_by.json").read_text())["path"]
        fmt = json.loads((CONFORMANCE / case / "expected.json").read_text())["format"]
        out.append({"file": f"doctor/conformance/{case}/{path}", "source": "conformance",
                    "format": fmt, "holds_code": bool(what), "what": what or "no stored code"})
    return out


def generate() -> list[dict]:
    """Files real Keras writes, seeded (WRITERS), copied into results/scanners/<writer>/, each
    with its features and what they store."""
    from kb.tools import differential

    out = []
    for rt in differential.available(WRITERS):
        seeds, count = WRITERS[rt.name]
        dest = CORPUS / rt.name
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        with tempfile.TemporaryDirectory(prefix="kb-scanners-") as tmp:
            shutil.copy(differential.RUNNER, tmp)
            for seed in seeds:
                differential._run(rt, ["make", str(seed), str(count)], tmp)
                manifest = json.loads((Path(tmp) / "manifest.json").read_text())
                for m in manifest["models"]:
                    if "file" not in m or "error" in m:
                        continue
                    src = Path(tmp) / m["file"]
                    (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / m["file"])
                    code = stored_code(m["features"], rt.family.name, m["format"])
                    out.append({"file": f"results/scanners/{rt.name}/{m['file']}", "source": rt.name,
                                "format": m["format"], "features": m["features"],
                                "holds_code": bool(code), "what": "; ".join(code) or "no stored code"})
    return out


def writer_loads(files: list[dict]) -> None:
    """Each generated file loaded by real `load_model` on the release that wrote it, in each
    mode, on a copy in a temporary directory: the outcome per mode, and whether any load ran
    the stored canary (a lambda that appends to a file there): evidence for the ground truth."""
    from kb.tools import differential

    by_writer: dict[str, list[dict]] = {}
    for f in files:
        if f["source"] in WRITERS:
            by_writer.setdefault(f["source"], []).append(f)
    for rt in differential.available(by_writer):
        with tempfile.TemporaryDirectory(prefix="kb-scanners-load-") as tmp:
            shutil.copy(differential.RUNNER, tmp)
            names = {}
            for f in by_writer[rt.name]:
                src = ROOT / f["file"]
                (shutil.copytree if src.is_dir() else shutil.copy)(src, Path(tmp) / src.name)
                names[src.name] = f
                f["loads"], f["ran_on_load"] = {}, False
            for line in differential._run(rt, ["load", *names], tmp).splitlines():
                if line.startswith("{"):
                    r = json.loads(line)
                    f = names[r["file"]]
                    f["loads"][r["mode"]] = r["outcome"] + (f": {r['message'][:160]}" if r["message"] else "")
                    f["ran_on_load"] = f["ran_on_load"] or bool(r["ran"])


# --- the tools, each as its CLI, one process per file --------------------------------------

DOCTOR_VENV = runtimes.ENVS / "scanner-keras-doctor"
DOCTOR_LOCK = LOCKS / "scanner-keras-doctor.lock"
# the ModelAudit scanners that read a Keras file as one (others read it as any JSON or bytes)
MODELAUDIT_KERAS = {"keras_zip", "keras_h5", "tf_savedmodel"}


def build_doctor() -> str:
    """keras-doctor from this checkout's doctor/ in a venv of its own (h5py from its lock), as
    a user installs it: its install size is measured like the scanners'."""
    digest = hashlib.sha256(DOCTOR_LOCK.read_bytes()).hexdigest()
    if not environments.up_to_date(DOCTOR_VENV, digest):
        environments.install(DOCTOR_VENV, PYTHON, DOCTOR_LOCK)
        (DOCTOR_VENV / ".lock-sha256").write_text(digest)
    subprocess.run([str(environments.UV), "pip", "install", "--quiet", "--no-deps", "--reinstall",
                    "--compile-bytecode", "--python", str(DOCTOR_VENV / "bin" / "python"),
                    str(ROOT / "doctor")], check=True)
    return "installed"


def _env(home: Path, extra: dict) -> dict:
    # a HOME of its own (config files a tool writes stay in the temporary directory)
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "TF_CPP_MIN_LOG_LEVEL": "3",
            "CUDA_VISIBLE_DEVICES": "", "LANG": "C.UTF-8", **extra}


def _timed(cmd, cwd, env, timeout=600):
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return proc, round(time.perf_counter() - start, 3)


def doctor_verdict(report: dict) -> tuple[bool, str]:
    """Whether a keras-doctor JSON report flags stored code (bytecode, or a Keras function a
    file names) and what it says, short."""
    code = [c for c in report.get("code", [])
            if c["type"] == "bytecode" or (c["type"] == "function" and c.get("source") == "keras")]
    if not code:
        return False, "no stored code"
    return True, "; ".join(f"{c['type']} at {c['path']}" for c in code)[:200]


def run_doctor(path: Path, tmp: Path) -> dict:
    proc, secs = _timed([str(DOCTOR_VENV / "bin" / "keras-doctor"), str(path), "--json"], tmp,
                        _env(tmp, {}))
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        return {"read": False, "flagged": False, "said": proc.stderr.strip()[-200:], "seconds": secs}
    flagged, said = doctor_verdict(report)
    return {"read": True, "flagged": flagged, "said": said, "seconds": secs}


def run_modelscan(path: Path, tmp: Path) -> dict:
    out = tmp / "modelscan.json"
    out.unlink(missing_ok=True)
    proc, secs = _timed([str(venv("modelscan") / "bin" / "modelscan"), "-p", str(path), "-r", "json",
                         "-o", str(out)], tmp, _env(tmp, SCANNERS["modelscan"]["env"]))
    try:
        data = json.loads(out.read_text())
    except (OSError, ValueError):
        return {"read": False, "flagged": False, "said": f"exit {proc.returncode}", "seconds": secs}
    issues, errors = data.get("issues", []), data.get("errors", [])
    read = data["summary"]["scanned"]["total_scanned"] > 0 and not errors
    said = "; ".join(sorted({i["description"] for i in issues})) or \
        ("; ".join(str(e.get("description", e)) for e in errors) if errors else
         "no issues" if read else "nothing scanned (skipped)")
    return {"read": read, "flagged": bool(issues), "said": said[:200], "seconds": secs}


def run_modelaudit(path: Path, tmp: Path) -> dict:
    out = tmp / "modelaudit.json"
    out.unlink(missing_ok=True)
    proc, secs = _timed([str(venv("modelaudit") / "bin" / "modelaudit"), "scan", "--format", "json",
                         "--no-cache", "-o", str(out), str(path)], tmp,
                        _env(tmp, SCANNERS["modelaudit"]["env"]))
    try:
        data = json.loads(out.read_text())
    except (OSError, ValueError):
        return {"read": False, "flagged": False, "said": f"exit {proc.returncode}", "seconds": secs}
    issues = [i for i in data.get("issues", []) if i.get("severity") in ("critical", "warning")]
    used = set(data.get("scanner_names", []))
    read = bool(used & MODELAUDIT_KERAS) and not data.get("has_errors")
    said = "; ".join(dict.fromkeys(i["message"] for i in issues)) or \
        ("no issues" if read else f"read by {', '.join(sorted(used)) or 'no scanner'}")
    return {"read": read, "flagged": bool(issues), "said": said[:200], "seconds": secs}


TOOLS = {"keras-doctor": run_doctor, "modelscan": run_modelscan, "modelaudit": run_modelaudit}


def batch(data: dict) -> dict:
    """Each tool once over all the recorded files, as a CI job runs it over a folder of models:
    the wall-clock seconds of that one command (Python's and TensorFlow's start paid once)."""
    build_doctor()
    with tempfile.TemporaryDirectory(prefix="kb-scan-") as tmp:
        tmp = Path(tmp)
        folder, paths = tmp / "models", []
        for i, f in enumerate(data["files"]):  # each in a folder of its own, its name kept
            src = ROOT / f["file"]
            dst = folder / f"{i:03d}" / src.name
            dst.parent.mkdir(parents=True)
            (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
            paths.append(str(dst))
        commands = {
            "keras-doctor": ([str(DOCTOR_VENV / "bin" / "keras-doctor"), *paths, "--json"], {}),
            "modelscan": ([str(venv("modelscan") / "bin" / "modelscan"), "-p", str(folder), "-r",
                           "json", "-o", str(tmp / "modelscan.json")], SCANNERS["modelscan"]["env"]),
            "modelaudit": ([str(venv("modelaudit") / "bin" / "modelaudit"), "scan", "--format", "json",
                            "--no-cache", "-o", str(tmp / "modelaudit.json"), *paths],
                           SCANNERS["modelaudit"]["env"]),
        }
        seconds, read = {}, {}  # read: the files (or members) it says it read
        for tool, (cmd, env) in commands.items():
            proc, seconds[tool] = _timed(cmd, tmp, _env(tmp, env))
            out = proc.stdout if tool == "keras-doctor" else \
                (tmp / f"{tool}.json").read_text() if (tmp / f"{tool}.json").exists() else ""
            if not out.startswith(("{", "[")):  # it did not run over the files: no time to show
                raise SystemExit(f"{tool} over all the files: exit {proc.returncode}: "
                                 f"{proc.stderr.strip()[-500:]}")
            res = json.loads(out)
            read[tool] = len(res) if tool == "keras-doctor" else \
                res["summary"]["scanned"]["total_scanned"] if tool == "modelscan" else \
                res.get("files_scanned")
    return {"files": len(paths), "seconds": seconds, "read": read}


def sha256(path: Path) -> str:
    """A file's hash; a directory's, over its files' relative paths and contents."""
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")) if path.is_dir() else [path]:
        if p.is_file():
            h.update(p.relative_to(path).as_posix().encode() if path.is_dir() else b"")
            h.update(p.read_bytes())
    return h.hexdigest()


def rerun(data: dict, only: list[str]) -> dict:
    """The record with the columns of the tools in ``only`` run again on its files (after a
    change of keras-doctor: `python -m kb.tools.scanners run keras-doctor`, seconds)."""
    if "keras-doctor" in only:
        build_doctor()
    for f in data["files"]:
        for tool in only:
            with tempfile.TemporaryDirectory(prefix="kb-scan-") as tmp:
                f["tools"][tool] = TOOLS[tool](ROOT / f["file"], Path(tmp))
        f["sha256"] = sha256(ROOT / f["file"])
    return data


def du(path: Path) -> int:
    """Bytes a venv takes on disk (du), its interpreter's symlink not followed."""
    return int(subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True,
                              check=True).stdout.split()[0])


def run(only=None) -> dict:
    for s in SCANNERS:
        print(f"{s}: {build(s)}", flush=True)
    print(f"keras-doctor: {build_doctor()}", flush=True)
    files = conformance_files() + generate()
    writer_loads(files)
    print(f"corpus: {len(files)} files", flush=True)
    tools = {t: TOOLS[t] for t in (only or TOOLS)}
    for i, f in enumerate(files):
        f["tools"] = {}
        f["sha256"] = sha256(ROOT / f["file"])
        for tool, fn in tools.items():
            with tempfile.TemporaryDirectory(prefix="kb-scan-") as tmp:
                f["tools"][tool] = fn(ROOT / f["file"], Path(tmp))
        print(f"[{i + 1}/{len(files)}] {f['file']}: " + ", ".join(
            f"{t} {'flags' if r['flagged'] else '-'}{'' if r['read'] else ' (unread)'} {r['seconds']}s"
            for t, r in f["tools"].items()), flush=True)
    versions = {"keras-doctor": re.search(r'version = "([^"]+)"', (ROOT / "doctor" / "pyproject.toml")
                                          .read_text()).group(1),
                **{s: SCANNERS[s]["version"] for s in SCANNERS}}
    venvs = {"keras-doctor": DOCTOR_VENV, **{s: venv(s) for s in SCANNERS}}
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
            "python": PYTHON, "versions": versions,
            "install_bytes": {t: du(v) for t, v in venvs.items()},
            "requirements": {"keras-doctor": "doctor/ (h5py)",
                             **{s: " ".join(SCANNERS[s]["requirements"]) for s in SCANNERS}},
            "writers": {w: {"seeds": s, "count": c} for w, (s, c) in WRITERS.items()},
            "files": files}


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "run"
    if cmd == "lock":
        for s in SCANNERS:
            lock(s)
            print(f"{s}: {lockfile(s).relative_to(ROOT)}")
        deps = tomllib.loads((ROOT / "doctor" / "pyproject.toml").read_text())["project"]["dependencies"]
        environments.compile_lock(deps, PYTHON, DOCTOR_LOCK)
    elif cmd == "build":
        for s in SCANNERS:
            print(f"{s}: {build(s)}", flush=True)
        print(f"keras-doctor: {build_doctor()}")
    elif cmd == "truth":  # the ground truth again (--loads: and the writers' loads), on the recorded files
        data = json.loads(RESULTS.read_text())
        for f in data["files"]:
            if f["source"] in WRITERS:
                code = stored_code(f["features"], runtimes.get(f["source"]).family.name, f["format"])
                f["holds_code"], f["what"] = bool(code), "; ".join(code) or "no stored code"
        if "--loads" in argv:
            writer_loads(data["files"])
        RESULTS.write_text(json.dumps(data, indent=1) + "\n")
    elif cmd == "run" and argv[1:]:  # only these tools again, on the recorded files
        data = rerun(json.loads(RESULTS.read_text()), argv[1:])
        RESULTS.write_text(json.dumps(data, indent=1) + "\n")
        print(f"{RESULTS.relative_to(ROOT)}: {', '.join(argv[1:])} run again on {len(data['files'])} files")
    elif cmd == "batch":  # each tool once over all the recorded files
        data = json.loads(RESULTS.read_text())
        data["batch"] = batch(data)
        RESULTS.write_text(json.dumps(data, indent=1) + "\n")
        print(f"{RESULTS.relative_to(ROOT)}: one command each over {data['batch']['files']} files: "
              + ", ".join(f"{t} {s} s" for t, s in data["batch"]["seconds"].items()))
    elif cmd == "run":
        data = run()
        data["batch"] = batch(data)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(data, indent=1) + "\n")
        print(f"{RESULTS.relative_to(ROOT)}: {len(data['files'])} files")
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
