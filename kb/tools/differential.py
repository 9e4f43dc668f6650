"""Differential testing of keras-doctor against real Keras: seeded random models built and
saved by real releases (kb/tools/differential_runner.py, run inside each runtime's venv, in a
temporary directory), loaded by real `load_model` on those releases in each mode; the
doctor's claims on each file are compared with what happened.

    python -m kb.tools.differential [--seeds 1,2] [--count 6] [--keep DIR] [RUNTIME...]
                                                        # make differential
    python -m kb.tools.differential --recheck DIR       # today's doctor on a kept run

Claims checked, each naming the file, the release and the claim when it is false:
  stored code   a file reports bytecode exactly when the writer stored some (the runner says
                which: every lambda, and in Keras 2 every function a Lambda wraps); a load
                that ran a canary was of a file whose report lists bytecode
  custom objects  "needs X" / "needs none" against the writer's own release: a file that
                loads with custom_objects loads without them only when the doctor said none
  verdicts      --keras X: each verdict (loads / refuses / fails) against the same mode's load
  releases      KD001's "loaded by default / only with safe_mode=False / not loaded by"
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kb.engine import runtimes

ROOT = runtimes.ROOT
RUNNER = Path(__file__).with_name("differential_runner.py")
# KD_DOCTOR: another checkout's doctor/ (to measure an older doctor against the same files)
sys.path.insert(0, os.environ.get("KD_DOCTOR") or str(ROOT / "doctor"))

from keras_doctor import target  # noqa: E402
from keras_doctor.findings import diagnose  # noqa: E402

# the scan's modes, as the runner names them
MODES = {"default": "default", "safe_mode=False": "safe_mode=False",
         "custom_objects": "custom_objects", "without custom_objects": "default",
         "its module imported": "registered", "its module not imported": "default"}


@dataclass
class Tally:
    files: int = 0
    releases: set = field(default_factory=set)
    checked: int = 0
    false: list = field(default_factory=list)

    def claim(self, ok: bool, file: str, release: str, claim: str) -> None:
        self.checked += 1
        if not ok:
            self.false.append(f"{file} on {release}: {claim}")


SECONDS_PER_FILE = 30  # a load of one file in every mode, on a loaded 2-core machine


def _run(rt, args, cwd) -> str:
    """The runner in a release's venv; its time bounded by the files it is given."""
    timeout = 600 + SECONDS_PER_FILE * len(args)
    try:
        proc = subprocess.run([str(rt.interpreter), "differential_runner.py", *args], cwd=cwd,
                              env=rt.environ(), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"differential: {rt.name}: {args[0]} of {len(args) - 1} files took over "
                         f"{timeout} s; run fewer releases or a smaller --count") from None
    if proc.returncode:
        raise RuntimeError(f"{rt.name}: {' '.join(args[:3])}: {proc.stderr[-2000:]}")
    return proc.stdout


def available(names) -> list:
    out = []
    for name in names:
        rt = runtimes.get(name)
        if rt.interpreter.exists() and subprocess.run(
                [str(rt.interpreter), "-c", "import keras"], env=rt.environ(),
                capture_output=True).returncode == 0:
            out.append(rt)
    return out


def collect(rts, seeds, count, tmp: Path) -> tuple[list[dict], dict]:
    """Every file each release made, and what every release did with each file, per mode."""
    made, seen = [], {}
    for rt in rts:
        d = tmp / rt.name
        d.mkdir()
        shutil.copy(RUNNER, d)
        for seed in seeds:
            _run(rt, ["make", str(seed), str(count)], d)
            manifest = json.loads((d / "manifest.json").read_text())
            (d / "manifest.json").unlink()
            for m in manifest["models"]:
                if "file" in m and "error" not in m:
                    made.append({**m, "path": d / m["file"], "writer": rt, "keras": manifest["keras"]})
    for rt in rts:  # each release loads every file, in a directory of its own
        d = tmp / f"load-{rt.name}"
        d.mkdir()
        shutil.copy(RUNNER, d)
        paths = [str(m["path"]) for m in made]
        for extra in ([], ["--registered"]):
            for line in _run(rt, ["load", *extra, *paths], d).splitlines():
                if line.startswith("{"):
                    r = json.loads(line)
                    seen.setdefault((r["file"], rt.name), {})[r["mode"]] = r
    return made, seen


def check(made, seen, tally: Tally) -> None:
    for m in made:
        path, name = str(m["path"]), f"{m['writer'].name}/{m['file']}"
        rep = diagnose(path)
        tally.files += 1
        bytecode = [c for c in rep.get("code", [{"type": (layer.get("function") or {}).get("type"),
                                                   "path": layer["name"]} for layer in rep["layers"]])
                    if c["type"] == "bytecode" and not c.get("untagged")]  # untagged: never run
        if m["bytecode"]:
            tally.claim(bool(bytecode), name, "-", f"reports no stored bytecode in a file built "
                        f"with {m['features']}, which stores some")
        else:
            tally.claim(not bytecode, name, "-", f"reports stored bytecode at "
                        f"{[c['path'] for c in bytecode]} in a file built without any")
        for (file, rel), modes in seen.items():
            if file != path:
                continue
            tally.releases.add(rel)
            ran = [mode for mode, r in modes.items() if r["ran"]]
            if ran:
                tally.claim(bool(bytecode), name, rel, f"reports no stored code, but loading "
                            f"({ran[0]}) ran the file's canary")
            rt = runtimes.get(rel)
            if rel == m["writer"].name:
                _check_custom(rep, modes, name, rel, tally)
            t = target.target(rep, rt.version)
            for r in t["releases"]:
                if r["release"] != rel:
                    continue
                for how, verdict in r["verdicts"].items():
                    got = modes.get(MODES.get(how, ""))
                    if got is None:
                        continue
                    said = target._outcome(verdict)
                    tally.claim((said == "loads") == (got["outcome"] == "loads"), name, rel,
                                f"--keras {rt.version} says {how}: {verdict[:90]}; real load: "
                                f"{got['outcome']} {got['message'][:150]}")
            kind = target.file_kind(rep)
            if not hasattr(target, "outcomes"):
                continue
            fmt = target.scan_format(rep) if hasattr(target, "scan_format") else rep["format"]
            for release, outcome in target.outcomes(kind if kind in ("lambda", "tf_call") else None,
                                                    fmt, rep["keras_version"]).items():
                if release != rel:
                    continue
                for mode in ("default", "safe_mode=False"):
                    if mode in outcome and mode in modes:
                        tally.claim((outcome[mode] == "loads") == (modes[mode]["outcome"] == "loads"),
                                    name, rel, f"KD001 says {mode}: {outcome[mode]}; real load: "
                                    f"{modes[mode]['outcome']} {modes[mode]['message'][:150]}")


LOOKUP = ("Could not locate", "Unknown layer", "Unknown activation", "Unknown loss",
          "could not be deserialized properly", "Unknown object", "Error when deserializing")


def _check_custom(rep, modes, name, rel, tally: Tally) -> None:
    with_objects = modes.get("custom_objects, safe_mode=False", {}).get("outcome") == "loads"
    without = modes.get("safe_mode=False", {})
    if not with_objects:
        return  # it does not load even with every object: another reason, not this claim
    if rep["custom_objects"]:
        tally.claim(without.get("outcome") != "loads", name, rel,
                    f"says the loader needs {rep['custom_objects']}, but it loads without them")
    else:
        tally.claim(without.get("outcome") == "loads" or not any(
            s in without.get("message", "") for s in LOOKUP), name, rel,
            f"says custom objects needed: none, but without them: {without.get('message', '')[:200]}")


def run(names, seeds, count, keep: str | None = None) -> Tally:
    """keep: a new directory that keeps the files and a report of what happened (else a
    temporary one)."""
    rts = available(names)
    tally = Tally()
    if not rts:
        return tally
    with tempfile.TemporaryDirectory(prefix="kb-differential-") as tmp:
        where = Path(keep or tmp)
        if keep:
            where.mkdir(parents=True)
        made, seen = collect(rts, seeds, count, where)
        check(made, seen, tally)
        if keep:
            (where / "seen.json").write_text(json.dumps(
                {"made": [{**m, "path": str(m["path"]), "writer": m["writer"].name} for m in made],
                 "seen": [{"release": rel, **r} for (_, rel), modes in seen.items()
                          for r in modes.values()],
                 "false": tally.false}, indent=1))
    return tally


def recheck(keep: str) -> Tally:
    """The claims of today's doctor on the files a --keep run kept, against the loads it saw."""
    data = json.loads((Path(keep) / "seen.json").read_text())
    made = [{**m, "path": Path(m["path"]), "writer": runtimes.get(m["writer"])} for m in data["made"]]
    seen = {}
    for r in data["seen"]:
        seen.setdefault((r["file"], r["release"]), {})[r["mode"]] = r
    tally = Tally()
    check(made, seen, tally)
    return tally


def default_releases() -> list[str]:
    """What `make differential` runs with no runtime named: of each family keras-doctor picks
    among (registry trait `doctor`), every third release back from the newest, and the oldest."""
    names = []
    for fam in (f for f in runtimes.FAMILIES.values() if f.doctor):
        line = [rt.name for rt in runtimes.RELEASES.values() if rt.family is fam]
        names += sorted(set(line[::-1][::3] + line[:1]), key=line.index)
    return names


def main(argv: list[str]) -> int:
    seeds, count, names, keep, recheck_dir = [1, 2], 6, [], None, None
    it = iter(argv)
    for a in it:
        if a == "--keep":
            keep = next(it)
        elif a == "--recheck":
            recheck_dir = next(it)
        elif a == "--seeds":
            seeds = [int(s) for s in next(it).split(",")]
        elif a == "--count":
            count = int(next(it))
        else:
            names.append(a)
    names = names or default_releases()
    if keep and Path(keep).exists():
        print(f"differential: --keep {keep}: it exists; name a new directory", file=sys.stderr)
        return 2
    tally = recheck(recheck_dir) if recheck_dir else run(names, seeds, count, keep)
    for line in tally.false:
        print("FALSE:", line)
    print(f"files: {tally.files}  releases: {len(tally.releases)} "
          f"({', '.join(sorted(tally.releases))})  claims checked: {tally.checked}  "
          f"claims false: {len(tally.false)}")
    return 1 if tally.false else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
