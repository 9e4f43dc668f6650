"""Build the runtimes' environments and run every snippet on every runtime it applies to.

    python -m kb.tools.environments lock [SELECTOR...]   write runtimes/locks/<name>.lock from the registry
    python -m kb.tools.environments build [SELECTOR...]  create .runtimes/<name> from its lock (skipped
                                             when the lock has not changed since the last build)
    python -m kb.tools.environments run [pytest args]    build all, then pytest the snippets on all runtimes
    python -m kb.tools.environments drift [SELECTOR...]  the newest published releases instead of the pins:
                                             build .runtimes/<name>-latest with every `==` pin
                                             of the runtime dropped, then run its snippets
                                             against the committed goldens (default: the newest
                                             release of every family with `drift = true`);
                                             fails with the diffs when behaviour changed;
                                             the previews too, on the newest nightly and rc
    python -m kb.tools.environments preview [--relock] [pytest args]
                                             build the previews (families with `preview = true`:
                                             the next release's nightly) and run their snippets;
                                             --update-goldens records results/<preview>.json;
                                             --relock first moves each pin to the newest nightly
                                             and the TensorFlow pre-release that accepts it
    python -m kb.tools.environments release FAMILY VERSION [--tensorflow=X] [pytest args]
                                             the day of a release: add it to the registry (with
                                             the newest tensorflow-cpu that accepts it), lock it,
                                             build it, run its snippets with --update-goldens
                                             (goldens at change points, results/<name>.json) and
                                             print what it prints differently from the release before

SELECTOR: a runtime name or a selector such as "keras3>=3.11" (kb/engine/runtimes.py).

The default runtime (keras3) is the project's own .venv, pinned by requirements.lock.
"""
from __future__ import annotations

import difflib
import hashlib
import importlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from kb.engine import runtimes

UV = Path(sys.executable).parent / "uv"


def compile_lock(packages: list[str] | None, python: str, out: Path) -> None:
    """Resolve ``packages`` (None: pyproject.toml's dependencies) for ``python`` into the lock
    file ``out``, keeping the versions of the lock it replaces where they still fit (uv reads
    the output file as its preferences)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    source = "-" if packages is not None else str(runtimes.ROOT / "pyproject.toml")
    subprocess.run([str(UV), "pip", "compile", source, "--quiet", "--python-version", python,
                    "--no-header", "-o", str(out)],
                   input=None if packages is None else "\n".join(packages) + "\n", text=True, check=True)


def up_to_date(venv: Path, digest: str) -> bool:
    """Whether ``venv`` was built from what hashes to ``digest`` (its stamp)."""
    stamp = venv / ".lock-sha256"
    return (venv / "bin" / "python").exists() and stamp.exists() and stamp.read_text() == digest


def install(venv: Path, python: str, lockfile: Path) -> None:
    """Create or refresh the venv ``venv`` with exactly what ``lockfile`` pins."""
    subprocess.run([str(UV), "venv", "--quiet", "--allow-existing", "--python",
                    find_python(python), str(venv)], check=True)
    # bytecode compiled once at install (as for .venv, see the Makefile): each zygote and
    # each --fresh child would otherwise compile TensorFlow's sources again
    subprocess.run([str(UV), "pip", "sync", "--quiet", "--compile-bytecode", "--python",
                    str(venv / "bin" / "python"), str(lockfile)], check=True)


def lock(name: str) -> None:
    """Write a runtime's lock from the registry (the default's, requirements.lock, from
    pyproject.toml's dependencies), keeping the versions of the lock it replaces where they
    still fit (uv reads the output file as its preferences)."""
    rt = runtimes.get(name)
    drop = rt.family.lock_drop
    compile_lock(None if rt.is_default else rt.packages, rt.python, rt.lock)
    if drop:  # keep the resolution, leave out what this runtime never imports
        kept, skip = [], False
        for line in rt.lock.read_text().splitlines():
            m = re.match(r"^([A-Za-z0-9_.-]+)==", line)
            if m:
                skip = m.group(1).lower() in drop
            if not skip:
                kept.append(line)
        rt.lock.write_text("# left out (never imported here): " + ", ".join(drop)
                           + "\n" + "\n".join(kept) + "\n")


def find_python(version: str) -> str:
    """An interpreter for `version` that is already on the machine: a `pythonX.Y` on PATH
    that runs (a pyenv shim may exist but refuse), else pyenv's own copy; uv's fallback
    would download one from GitHub, which this network cannot reach."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(map(str, Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}")))
    for exe in filter(None, candidates):
        if subprocess.run([exe, "-c", ""], capture_output=True).returncode == 0:
            return exe
    return version  # let uv look (and say what it could not find)


def build(name: str) -> str:
    """Create or refresh .runtimes/<name>; returns what it did."""
    rt = runtimes.get(name)
    if rt.is_default:
        return "project .venv (make install)"
    lockfile = rt.lock
    if not lockfile.exists():
        raise SystemExit(f"no lock for runtime {name!r}: run `python -m kb.tools.environments lock {name}`")
    digest = hashlib.sha256(runtimes.install_inputs(rt)).hexdigest()
    if up_to_date(rt.venv, digest):
        return "up to date"
    start = time.perf_counter()
    install(rt.venv, rt.python, lockfile)
    if rt.npm:
        runtimes.npm_ci(runtimes.NPM / rt.npm, rt.node_modules.parent)
    (rt.venv / ".lock-sha256").write_text(digest)
    return f"built in {time.perf_counter() - start:.0f} s"


def drift_default() -> list[str]:
    """The newest release of each family the registry marks `drift = true`, and the previews."""
    return [runtimes.newest(f).name for f, fam in runtimes.FAMILIES.items() if fam.drift] \
        + list(runtimes.PREVIEWS)


def drift(names: list[str], pytest_args: list[str]) -> int:
    """Run the snippets of each runtime on the newest releases of its packages."""
    for name in names:
        rt = runtimes.get(name)
        venv = runtimes.ENVS / f"{name}-latest"
        unpinned = [re.split(r"==", p)[0] for p in rt.packages]
        if rt.family.preview:  # the newest at or after its pins: pre-releases of these only
            unpinned = [p.replace("==", ">=") for p in rt.packages]
        subprocess.run([str(UV), "venv", "--quiet", "--allow-existing", "--python",
                        find_python(rt.python), str(venv)], check=True)
        # --upgrade: a weekly run must pick up what was published since the last one
        subprocess.run([str(UV), "pip", "install", "--quiet", "--upgrade", "--python",
                        str(venv / "bin" / "python"), *unpinned], check=True)
        freeze = subprocess.run([str(UV), "pip", "freeze", "--python", str(venv / "bin" / "python")],
                                capture_output=True, text=True, check=True).stdout
        wanted = {re.split(r"[<>=]", p)[0].lower() for p in rt.packages}
        got = [ln for ln in freeze.splitlines() if ln.split("==")[0].lower() in wanted]
        print(f"{name} (drift): {', '.join(got)}", flush=True)
    env = dict(os.environ, KB_DRIFT=",".join(names))
    args = [a for n in names for a in ("--runtime", n)]
    return subprocess.call([sys.executable, "-m", "pytest", "tests/test_snippets.py", *args,
                            *pytest_args], cwd=runtimes.ROOT, env=env)


def newest_pins(family: runtimes.Family, version: str | None = None) -> tuple[str, str]:
    """(version, tensorflow): what the package index resolves today for a family's package
    (``version`` if given) with the tensorflow-cpu that accepts it; pre-releases for a preview."""
    pre = ["--prerelease", "allow"] if family.preview else []
    wanted = [f"{family.package}=={version}" if version else family.package, "tensorflow-cpu",
              *family.pins]
    out = subprocess.run([str(UV), "pip", "compile", "-", "--quiet", "--no-header", "--no-annotate",
                          *pre, "--python-version", family.python],
                         input="\n".join(wanted) + "\n", text=True, capture_output=True, check=True).stdout
    pins = dict(line.split("==", 1) for line in out.splitlines() if "==" in line)
    return pins[family.package], pins["tensorflow-cpu"]


def add_release(family: str, version: str, tensorflow: str, replace: bool = False) -> str:
    """Write a release into its family's `releases` list in runtimes/registry.toml (with
    ``replace``, instead of the ones there: a preview's pin); returns the runtime's name."""
    text = runtimes.REGISTRY.read_text(encoding="utf-8")
    head = re.search(rf'^\[families\."?{re.escape(family)}"?\]\n', text, re.M)
    start = text.index("releases = [", head.end())
    end = text.index("\n]", start)
    entry = f'  {{version = "{version}", tensorflow = "{tensorflow}"}},'
    body = text[start:end]
    if f'version = "{version}"' in body and not replace:
        raise SystemExit(f"{family}-{version} is in the registry already")
    body = "releases = [\n" + entry if replace else body + "\n" + entry
    runtimes.REGISTRY.write_text(text[:start] + body + text[end:], encoding="utf-8")
    importlib.reload(runtimes)  # this process goes on with the registry it wrote
    return f"{family}-{version}"


def changed(name: str) -> list[str]:
    """What a new release prints differently from the release before it in its family: one
    line per snippet, with the diff of the two goldens."""
    from kb.engine import goldens, snippets

    snippets._cache.clear()  # parsed with the registry before the release was added
    rt = runtimes.get(name)
    family = [r for r in runtimes.RELEASES.values() if r.family == rt.family]
    before = family[family.index(rt) - 1] if family.index(rt) else None
    lines = []
    for s in snippets.discover():
        if name not in s.runtimes or not before or before.name not in s.runtimes:
            continue
        a, b = goldens.lookup(s, before.name), goldens.lookup(s, name)
        if a != b and a.exists() and b.exists() and a.read_text() != b.read_text():
            diff = difflib.unified_diff(a.read_text().splitlines(), b.read_text().splitlines(),
                                        before.name, name, lineterm="", n=0)
            lines += [f"changed: {s.rel}", *(f"    {ln}" for ln in diff)]
    head = (f"{name}: {sum(ln.startswith('changed: ') for ln in lines)} snippets print something "
            f"else than on {before.name}" if before else f"{name}: the first release of its family")
    return [head, *lines]


def release(family: str, version: str, tensorflow: str | None, pytest_args: list[str]) -> int:
    """The day of a release: registry entry, lock, environment, a run that writes its goldens
    (change points only) and results/<name>.json, then what it prints differently."""
    if family not in runtimes.FAMILIES:
        raise SystemExit(f"unknown family {family!r}; families: {', '.join(runtimes.FAMILIES)}")
    if not tensorflow:
        _, tensorflow = newest_pins(runtimes.FAMILIES[family], version)
    name = add_release(family, version, tensorflow)
    print(f"{name}: added to {runtimes.REGISTRY.name} (TensorFlow {tensorflow})", flush=True)
    lock(name)
    print(f"{name}: {build(name)}", flush=True)
    code = subprocess.call([sys.executable, "-m", "pytest", "tests/test_snippets.py", "--runtime",
                            name, "--update-goldens", "-p", "no:cacheprovider", *pytest_args],
                           cwd=runtimes.ROOT)
    print("\n".join(changed(name)))
    if any(rt.family.base == family for rt in runtimes.PREVIEWS.values()):
        print("next: `make preview`: the preview's own goldens are what it prints differently "
              f"from the newest release, {name} now")
    return code


def preview(args: list[str]) -> int:
    """Build the previews' environments and run their snippets (pytest args, e.g.
    --update-goldens to record); with --relock, first move each pin to the newest nightly and
    the newest TensorFlow pre-release that accepts it."""
    if "--relock" in args:
        args = [a for a in args if a != "--relock"]
        for old in list(runtimes.PREVIEWS.values()):
            version, tensorflow = newest_pins(old.family)
            if (version, tensorflow) == (old.version, old.tensorflow):
                print(f"{old.name}: the newest already")
                continue
            name = add_release(old.family.name, version, tensorflow, replace=True)
            old.lock.unlink(missing_ok=True)
            results_file = runtimes.ROOT / "results" / f"{old.name}.json"
            results_file.unlink(missing_ok=True)  # the next run records the new pin
            lock(name)
            print(f"{old.name} -> {name} (TensorFlow {tensorflow})", flush=True)
    names = list(runtimes.PREVIEWS)
    for name in names:
        print(f"{name}: {build(name)}", flush=True)
    return subprocess.call([sys.executable, "-m", "pytest", "tests/test_snippets.py",
                            *(a for n in names for a in ("--runtime", n)), *args], cwd=runtimes.ROOT)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    cmd = argv.pop(0) if argv else "run"
    if cmd in ("lock", "build"):
        try:  # unknown names fail before any work
            names = [rt.name for rt in runtimes.resolve(argv)] if argv else list(runtimes.RELEASES)
        except runtimes.UnknownRuntime as exc:
            raise SystemExit(str(exc)) from None
        if cmd == "build" or not argv:  # the default's lock is written only when named
            names = [n for n in names if not runtimes.get(n).is_default]
        for name in names:
            if cmd == "lock":
                lock(name)
                print(f"{name}: {runtimes.get(name).lock.relative_to(runtimes.ROOT)}")
            else:
                print(f"{name}: {build(name)}", flush=True)
    elif cmd == "run":
        for name in runtimes.RELEASES:
            print(f"{name}: {build(name)}", flush=True)
        sys.exit(subprocess.call([sys.executable, "-m", "pytest", "tests/test_snippets.py",
                                  "--runtime", "all", *argv], cwd=runtimes.ROOT))
    elif cmd == "drift":
        sels = [a for a in argv if not a.startswith("-")]
        try:
            names = [rt.name for rt in runtimes.resolve(sels)] if sels else drift_default()
        except runtimes.UnknownRuntime as exc:
            raise SystemExit(str(exc)) from None
        sys.exit(drift(names, [a for a in argv if a.startswith("-")]))
    elif cmd == "preview":
        sys.exit(preview(argv))
    elif cmd == "release" and len(argv) >= 2:
        tf = next((a.split("=", 1)[1] for a in argv if a.startswith("--tensorflow=")), None)
        rest = [a for a in argv[2:] if not a.startswith("--tensorflow=")]
        sys.exit(release(argv[0], argv[1], tf, rest))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
