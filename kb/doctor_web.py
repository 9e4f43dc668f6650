"""The browser doctor's files (docs/doctor-in-your-browser.md): the npm packages it parses
with, pinned in tools/doctor-web/package-lock.json, and the doctor's spec, which the page
reads as the Python doctor does. The doctor's own scripts are in docs/javascripts/doctor/.

install() puts the pinned packages into .runtimes/doctor-web-node once (`npm ci`, as
kb/lighthouse.py does); files() maps each file the built site needs, under
javascripts/doctor/, to its source. kb/hooks.py adds them to the MkDocs build and
kb/zensical.py copies them into the staged docs.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from kb import snippets

TOOL = snippets.ROOT / "tools" / "doctor-web"
NODE_DIR = snippets.ROOT / ".runtimes" / "doctor-web-node"
SPEC = snippets.ROOT / "doctor" / "keras_doctor" / "spec"
DEST = "javascripts/doctor"
# what the page loads from each package (no other file of theirs is published)
VENDORED = {
    "vendor/h5wasm/hdf5_hl.js": "h5wasm/dist/esm/hdf5_hl.js",
    "vendor/h5wasm/hdf5_util.js": "h5wasm/dist/esm/hdf5_util.js",
    "vendor/h5wasm/LICENSE.txt": "h5wasm/LICENSE.txt",
    "vendor/fflate/browser.js": "fflate/esm/browser.js",
    "vendor/fflate/LICENSE": "fflate/LICENSE",
}
SPECS = ("findings", "classes", "bytecode", "formats", "site")


def install() -> Path:
    """node_modules of the pinned packages, installed when the lock file changed."""
    modules = NODE_DIR / "node_modules"
    lock = (TOOL / "package-lock.json").read_bytes()
    stamp = NODE_DIR / ".lock"
    if not (modules.exists() and stamp.exists() and stamp.read_bytes() == lock):
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        for f in ("package.json", "package-lock.json"):
            shutil.copy2(TOOL / f, NODE_DIR / f)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=NODE_DIR,
                       check=True)
        stamp.write_bytes(lock)
    return modules


def files() -> dict[str, Path]:
    """Site path -> source file, for every file the page needs besides its own scripts."""
    modules = install()
    out = {f"{DEST}/{dest}": modules / src for dest, src in VENDORED.items()}
    out.update({f"{DEST}/spec/{name}.json": SPEC / f"{name}.json" for name in SPECS})
    return out


def copy_to(root: Path) -> None:
    """Copy them under root (a site or a staged docs directory)."""
    for dest, src in files().items():
        (root / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, root / dest)
