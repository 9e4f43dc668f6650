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
                                             fails with the diffs when behaviour changed

SELECTOR: a runtime name or a selector such as "keras3>=3.11" (kb/engine/runtimes.py).

The default runtime (keras3) is the project's own .venv, pinned by requirements.lock.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from kb.engine import runtimes

UV = Path(sys.executable).parent / "uv"


def lock(name: str) -> None:
    rt = runtimes.get(name)
    drop = rt.family.lock_drop
    rt.lock.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(UV), "pip", "compile", "-", "--quiet", "--python-version", rt.python,
                    "--no-header", "-o", str(rt.lock)],
                   input="\n".join(rt.packages) + "\n", text=True, check=True)
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
    venv = rt.venv
    stamp = venv / ".lock-sha256"
    if rt.interpreter.exists() and stamp.exists() and stamp.read_text() == digest:
        return "up to date"
    start = time.perf_counter()
    subprocess.run([str(UV), "venv", "--quiet", "--allow-existing", "--python",
                    find_python(rt.python), str(venv)], check=True)
    # bytecode compiled once at install (as for .venv, see the Makefile): each zygote and
    # each --fresh child would otherwise compile TensorFlow's sources again
    subprocess.run([str(UV), "pip", "sync", "--quiet", "--compile-bytecode", "--python",
                    str(rt.interpreter), str(lockfile)], check=True)
    if rt.npm:
        runtimes.npm_ci(runtimes.NPM / rt.npm, rt.node_modules.parent)
    stamp.write_text(digest)
    return f"built in {time.perf_counter() - start:.0f} s"




def drift_default() -> list[str]:
    """The newest release of each family the registry marks `drift = true`."""
    return [runtimes.newest(f).name for f, fam in runtimes.FAMILIES.items() if fam.drift]


def drift(names: list[str], pytest_args: list[str]) -> int:
    """Run the snippets of each runtime on the newest releases of its packages."""
    for name in names:
        rt = runtimes.get(name)
        venv = runtimes.ENVS / f"{name}-latest"
        unpinned = [re.split(r"==", p)[0] for p in rt.packages]
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


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    cmd = argv.pop(0) if argv else "run"
    if cmd in ("lock", "build"):
        try:  # unknown names fail before any work
            names = [rt.name for rt in runtimes.resolve(argv)] if argv else list(runtimes.RUNTIMES)
        except runtimes.UnknownRuntime as exc:
            raise SystemExit(str(exc)) from None
        names = [n for n in names if not runtimes.get(n).is_default]
        for name in names:
            if cmd == "lock":
                lock(name)
                print(f"{name}: {runtimes.get(name).lock.relative_to(runtimes.ROOT)}")
            else:
                print(f"{name}: {build(name)}", flush=True)
    elif cmd == "run":
        for name in runtimes.RUNTIMES:
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
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
