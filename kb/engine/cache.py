"""Results of unchanged pairs, kept between test runs (``.kb-cache/results/``).

A (runtime, snippet) pair's result depends on nothing but:

* the snippet's own file;
* the keys of the pairs it needs (their files are its input);
* the runtime: its registry entry, its interpreter, and what its environment is built from
  (``runtimes.install_inputs``: its lock, its Python, its npm lock);
* the engine and the snippets' helpers: every file git knows (tracked or new) under
  ``kb/engine/``, ``doctor/keras_doctor/``, ``runtimes/`` and ``snippets/``, except snippets,
  goldens, notes (``*.md``) and the runtimes' own registry and locks, which the two parts
  above cover. The site (``kb/site/``), the tools (``kb/tools/``), ``data/`` and the pages
  cannot change a result, so an edit there keeps every kept result.

The key hashes all of it. A test run takes a pair's result from here when its key is
unchanged, and runs it otherwise; a fresh clone has no cache and runs every pair. Only the
project's own snippets are kept, only results that met their expectation, and never their
files: when a pair that runs needs the files of a kept one, that one runs again (scheduler.py).
``--no-cache`` (or ``KB_NO_CACHE=1``) runs every pair; ``--fresh`` and ``make drift`` never
use it.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
from functools import cache
from pathlib import Path

from kb.engine import runtimes, snippets
from kb.engine.snippets import ROOT, SNIPPETS, Snippet

DIR = ROOT / ".kb-cache" / "results"
# what can change a result: the engine, the doctor package the snippets import, the
# snippets' helpers and the runtimes' files (site code, tools and data cannot)
ENGINE = ["kb/engine", "doctor/keras_doctor", "snippets", "runtimes"]
FIELDS = ("output", "outcome", "exception", "seconds", "versions", "import_output")


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


@cache
def engine(root: Path = ROOT) -> str | None:
    """The hash of the engine and the snippets' helpers, or None when git cannot list them."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                 "--exclude-standard", "--", *ENGINE], cwd=root,
                                capture_output=True, check=True).stdout.split(b"\0")
    except (OSError, subprocess.CalledProcessError):
        return None
    parts = []
    for name in sorted(n.decode() for n in listed if n):
        path = root / name
        if (name.endswith((".out", ".md")) or name == "runtimes/registry.toml"
                or name.startswith("runtimes/locks/")
                or (name.startswith("snippets/") and snippets.NAME_RE.match(path.name))):
            continue
        if path.is_file():  # a deleted file is still listed until it is staged
            parts += [name.encode(), path.read_bytes()]
    return _digest(*parts)


@cache
def runtime(name: str) -> str:
    rt = runtimes.get(name)
    return _digest(repr(rt).encode(), str(rt.interpreter).encode(),
                   runtimes.install_inputs(rt) if rt.lock.exists() else b"")


def enabled() -> bool:
    return not os.environ.get("KB_NO_CACHE") and not os.environ.get("KB_DRIFT") and engine() is not None


class Store:
    """Kept results in ``folder``, for the snippets under ``root`` (code a test writes to a
    temporary directory is never kept)."""

    def __init__(self, folder: Path = DIR, root: Path = SNIPPETS):
        self.folder, self.root = Path(folder), Path(root)

    def keeps(self, s: Snippet) -> bool:
        return s.path.is_relative_to(self.root)

    def key(self, s: Snippet, rt: str, needs: list[str]) -> str:
        return _digest(engine().encode(), runtime(rt).encode(), rt.encode(), s.key.encode(),
                       s.path.read_bytes(), *(k.encode() for k in needs))

    def get(self, k: str) -> dict | None:
        """The kept fields of a result, or None (absent or unreadable: the pair runs)."""
        try:
            data = json.loads((self.folder / f"{k}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and set(data) == set(FIELDS) else None

    def put(self, k: str, result) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{k}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({f: getattr(result, f) for f in FIELDS}), encoding="utf-8")
        tmp.replace(self.folder / f"{k}.json")
