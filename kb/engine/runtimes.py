"""The runtimes a snippet can run on, read from runtimes/registry.toml (the one place that
knows them), and the selectors snippet headers use to pick them.

A runtime is one release of a family, installed into ``.runtimes/<name>/`` from its lock
``runtimes/locks/<name>.lock`` (the default one is the project's own .venv). A selector is a
family name followed by an optional PEP 440 specifier set: ``keras3``, ``keras3>=3.11.3``,
``tf-keras<2.20``, ``keras2==2.15.*``; a runtime's full name selects just that runtime.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
# KB_REGISTRY and KB_ENVS point elsewhere only in the tests (a made-up release)
REGISTRY = Path(os.environ.get("KB_REGISTRY") or ROOT / "runtimes" / "registry.toml")
# the layout of built environments: ENVS/<name>, ENVS/<name>-node, ENVS/<name>-latest
ENVS = Path(os.environ.get("KB_ENVS") or ROOT / ".runtimes")
LOCKS = Path(os.environ.get("KB_LOCKS") or ROOT / "runtimes" / "locks")  # KB_LOCKS: tests only

# Environment every snippet runs with, on every runtime: quiet TensorFlow C++ logs,
# CPU only, reproducible hashing; a family's `env` adds to it.
BASE_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "CUDA_VISIBLE_DEVICES": "",
    "KERAS_BACKEND": "tensorflow",
    "TF_USE_LEGACY_KERAS": "0",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
}


class UnknownRuntime(ValueError):
    pass


class RegistryError(ValueError):
    """runtimes/registry.toml is malformed; the message says where."""


@dataclass(frozen=True)
class Family:
    name: str
    title: str
    package: str  # whose version a release's version is
    python: str
    pins: tuple[str, ...]
    preload: tuple[str, ...]
    env: dict
    suffix: str = ""
    short: str = ""  # the title in tabs, when shorter
    lock_drop: tuple[str, ...] = ()
    npm: str | None = None
    base: str | None = None
    drift: bool = False  # `make drift` runs its newest release on the newest published packages
    # what this family's loader prints when it refuses a file's code (a Keras guard such as
    # safe_mode), so the matrix can tell "refuses" from "fails" without naming a release
    refusal: str = ""
    doctor: bool = False  # keras-doctor's --keras picks among this family's releases
    # a build of the next release before it ships (a nightly with its TensorFlow rc): it runs
    # every snippet of its base family's selectors, in `make drift` and a CI job of its own,
    # never in `--runtime all`, and the pages never list it as a release
    preview: bool = False


@dataclass(frozen=True)
class Runtime:
    family: Family
    version: str
    tensorflow: str
    pins: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    lock_file: str | None = None  # relative to ROOT; default runtimes/locks/<name>.lock
    unavailable: str | None = None  # why it cannot be installed here
    order: int = 0  # position in the registry: families in file order, versions ascending

    @property
    def name(self) -> str:
        return f"{self.family.name}-{self.version}"

    @property
    def key(self) -> Version:
        return Version(self.version)

    @property
    def python(self) -> str:
        return self.family.python

    @property
    def preload(self) -> tuple[str, ...]:
        return self.family.preload

    @property
    def npm(self) -> str | None:
        return self.family.npm

    @property
    def tab(self) -> str:
        variant = f" {self.family.suffix}" if self.family.base else ""
        return f"{self.family.short or self.family.title} {self.version}{variant}"

    @property
    def label(self) -> str:
        return (f"{self.family.title} {self.version} (TensorFlow {self.tensorflow})"
                + (f" {self.family.suffix}" if self.family.suffix else ""))

    @property
    def packages(self) -> tuple[str, ...]:
        return (f"tensorflow-cpu=={self.tensorflow}", f"{self.family.package}=={self.version}",
                *self.family.pins, *self.pins)

    @property
    def distributions(self) -> list[str]:
        """The names of the pinned distributions (whose versions a run records)."""
        return [re.split(r"[<>=!~ ;\[]", p, maxsplit=1)[0] for p in self.packages]

    @property
    def lock(self) -> Path:
        return ROOT / self.lock_file if self.lock_file else LOCKS / f"{self.name}.lock"

    @property
    def is_default(self) -> bool:
        return self.name == DEFAULT

    @property
    def venv(self) -> Path:
        if self.name in os.environ.get("KB_DRIFT", "").split(","):
            return ENVS / f"{self.name}-latest"  # kb.tools.environments drift
        return ENVS / self.name

    @property
    def interpreter(self) -> Path:
        if self.is_default and self.name not in os.environ.get("KB_DRIFT", "").split(","):
            return Path(sys.executable)
        return self.venv / "bin" / "python"

    @property
    def node_modules(self) -> Path | None:
        return ENVS / f"{self.name}-node" / "node_modules" if self.npm else None

    def environ(self) -> dict:
        env = dict(os.environ)
        env.update(BASE_ENV)
        env.update(self.family.env)
        # the project, and keras-doctor's own distribution (doctor/) as it is, uninstalled
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "doctor")])
        # as in an activated venv: the runtime's own commands come first
        env["PATH"] = f"{self.interpreter.parent}{os.pathsep}{env.get('PATH', '')}"
        if self.node_modules:
            env["NODE_PATH"] = str(self.node_modules)
        return env


def _load(path: Path = REGISTRY) -> tuple[dict[str, Family], dict[str, Runtime], str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML: {exc}") from None
    families: dict[str, Family] = {}
    runtimes: list[Runtime] = []
    raw = data["families"]
    for name, fam in raw.items():
        merged = {**raw[fam["base"]], **fam} if "base" in fam else dict(fam)
        family = Family(name=name, title=merged["title"], package=merged["package"],
                        python=merged["python"], pins=tuple(merged.get("pins", ())),
                        preload=tuple(merged["preload"]), env=dict(merged.get("env", {})),
                        suffix=fam.get("suffix", ""), short=merged.get("short", ""), lock_drop=tuple(merged.get("lock_drop", ())),
                        npm=merged.get("npm"), base=fam.get("base"),
                        drift=fam.get("drift", False), refusal=merged.get("refusal", ""),
                        doctor=fam.get("doctor", False), preview=fam.get("preview", False))
        families[name] = family
        for rel in sorted(fam.get("releases", []), key=lambda r: Version(r["version"])):
            runtimes.append(Runtime(family, rel["version"], rel["tensorflow"],
                                    tuple(rel.get("pins", ())), tuple(rel.get("aliases", ())),
                                    rel.get("lock"), rel.get("unavailable"), len(runtimes)))
    return families, {rt.name: rt for rt in runtimes}, data["default"]


FAMILIES, ALL, DEFAULT = _load()
# the runtimes that can run; the unavailable ones are listed (the matrix page says why)
RUNTIMES = {name: rt for name, rt in ALL.items() if not rt.unavailable}
# the published releases among them: what `--runtime all` runs and the pages show
RELEASES = {name: rt for name, rt in RUNTIMES.items() if not rt.family.preview}
# the previews: builds of a family's next release (family trait `preview`)
PREVIEWS = {name: rt for name, rt in RUNTIMES.items() if rt.family.preview}
ALIASES = {alias: rt.name for rt in ALL.values() for alias in rt.aliases}


def is_preview(name: str) -> bool:
    """A runtime name of a preview family, this pin's or an earlier one's (results/ history)."""
    return name in PREVIEWS or any(name.startswith(f"{f}-") and fam.preview and
                                   name[len(f) + 1:][:1].isdigit() for f, fam in FAMILIES.items())


def get(name: str) -> Runtime:
    try:
        return RUNTIMES[name]
    except KeyError:
        why = f" ({ALL[name].unavailable})" if name in ALL else ""
        raise UnknownRuntime(
            f"unknown runtime {name!r}{why}; known runtimes: {', '.join(RUNTIMES)}"
        ) from None


_SELECTOR_RE = re.compile(r"^\s*([a-z][a-z0-9.-]*?)\s*((?:[<>=!~][^,]*,?)*)\s*$")


def select(selector: str) -> list[Runtime]:
    """The runtimes a selector names, oldest first. Raises UnknownRuntime for an unknown
    family or an invalid specifier; an empty list when the range matches no release."""
    if selector in RUNTIMES:
        return [RUNTIMES[selector]]
    m = _SELECTOR_RE.match(selector)
    family = m and next((f for f in sorted(FAMILIES, key=len, reverse=True)
                         if m.group(0).strip().startswith(f)), None)
    if not family:
        raise UnknownRuntime(f"unknown runtime family in {selector!r}; families: "
                             f"{', '.join(FAMILIES)} (e.g. \"keras3>=3.11\")")
    spec_text = selector.strip()[len(family):].strip()
    try:
        spec = SpecifierSet(spec_text)
    except InvalidSpecifier:
        raise UnknownRuntime(f"{selector!r}: {spec_text!r} is not a PEP 440 specifier "
                             f"(e.g. \">=3.11.3\", \"<2.20\", \"==2.15.*\")") from None
    # a preview of a family's next release is selected with it where the range admits its version
    return [rt for rt in RUNTIMES.values()
            if (rt.family.name == family or rt.family.preview and rt.family.base == family)
            and spec.contains(rt.key, prereleases=True)]


def resolve(selectors: list[str], where: str = "") -> list[Runtime]:
    """Every runtime the selectors name, in registry order; a selector that is unknown or
    matches nothing is an error naming ``where``."""
    found: dict[str, Runtime] = {}
    for sel in selectors:
        try:
            hits = select(sel)
        except UnknownRuntime as exc:
            raise UnknownRuntime(f"{where}{exc}") from None
        if not hits:
            raise UnknownRuntime(f"{where}{sel!r} matches no runtime in runtimes/registry.toml")
        found.update((rt.name, rt) for rt in hits)
    return sorted(found.values(), key=lambda rt: rt.order)


def to_run(selectors: list[str], where: str = "") -> list[Runtime]:
    """The runtimes a run's --runtime selectors name: a preview only where a selector names
    its family (`keras3-next`, or its runtime), never through its base (`keras3`, `keras3>=3.11`:
    the family's releases, as `make test` and the CI family jobs run them)."""
    named = lambda rt: any(s.strip().startswith(rt.family.name) for s in selectors)  # noqa: E731
    return [rt for rt in resolve(selectors, where) if not rt.family.preview or named(rt)]


def newest(selector: str) -> Runtime:
    """The newest release a selector names (a producer in another runtime's `needs`): a
    preview only when the selector names nothing else."""
    found = resolve([selector])
    return ([rt for rt in found if not rt.family.preview] or found)[-1]


def runs(names) -> list[list[Runtime]]:
    """Runtimes split into runs of consecutive releases of one family (registry order)."""
    order = list(RUNTIMES)
    out: list[list[Runtime]] = []
    for name in sorted(set(names), key=order.index):
        rt = RUNTIMES[name]
        if out and out[-1][-1].family == rt.family and order.index(name) == order.index(out[-1][-1].name) + 1:
            out[-1].append(rt)
        else:
            out.append([rt])
    return out


def ranges(names, tab=True, versions_only=False) -> str:
    """Runtimes as ranges of consecutive releases of a family: "Keras 3.0.5–3.10.0,
    tf-keras 2.21.0" (tab names; with tab=False, full labels, one per release; with
    versions_only, "3.0.5–3.9.2, 3.15.1")."""
    found = runs(names)
    if not tab:
        return ", ".join(rt.label for run in found for rt in run)
    if versions_only:
        return ", ".join(run[0].version if len(run) == 1 else f"{run[0].version}–{run[-1].version}"
                         for run in found)
    return ", ".join(run[0].tab if len(run) == 1 else
                     run[0].tab.replace(run[0].version, f"{run[0].version}–{run[-1].version}", 1)
                     for run in found)


def npm_ci(source: Path, node_dir: Path) -> Path:
    """The npm packages pinned in source/package-lock.json, installed into node_dir with
    `npm ci` unless that lock is installed there already: their node_modules. (The TF.js
    runtime's packages, Lighthouse, the browser doctor's h5wasm and fflate.)"""
    lock = (source / "package-lock.json").read_bytes()
    stamp, modules = node_dir / ".lock", node_dir / "node_modules"
    if not (modules.exists() and stamp.exists() and stamp.read_bytes() == lock):
        node_dir.mkdir(parents=True, exist_ok=True)
        for f in ("package.json", "package-lock.json"):
            shutil.copy2(source / f, node_dir / f)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=node_dir,
                       check=True)
        stamp.write_bytes(lock)
    return modules


NPM = ROOT / "runtimes"  # runtimes/<npm>/package.json + package-lock.json


def install_inputs(rt: Runtime) -> bytes:
    """What a runtime's environment is built from (kb.tools.environments stamps it; kb.engine.cache keys on it):
    its lock, its Python and, for a Node runtime, its npm lock."""
    inputs = rt.lock.read_bytes() + rt.python.encode() + b"compile-bytecode"
    if rt.npm:
        inputs += (NPM / rt.npm / "package-lock.json").read_bytes()
    return inputs


def check_installed(rt: Runtime) -> None:
    if not rt.interpreter.exists():
        raise RuntimeError(
            f"runtime {rt.name!r} is not installed ({rt.interpreter} is missing); "
            f"build it with `make matrix`"
        )


if __name__ == "__main__":  # python -m kb.engine.runtimes families
    import json

    if sys.argv[1:] == ["families"]:
        print(json.dumps([f for f in FAMILIES if any(rt.family.name == f for rt in RELEASES.values())]))
    else:
        raise SystemExit("usage: python -m kb.engine.runtimes families")
