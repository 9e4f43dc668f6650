"""The browser doctor in the site (docs/doctor-in-your-browser.md). Its scripts are
doctor/js/ (the JavaScript port of keras-doctor, which also runs in Node: doctor/js/node.mjs);
the npm packages it parses with are pinned in doctor/js/package-lock.json; it reads the
doctor's spec (doctor/keras_doctor/spec/) as the Python doctor does.

install() puts the pinned packages into .runtimes/doctor-web-node once (`npm ci`, as
kb/tools/lighthouse.py does); files() maps each file the built site needs to its source: the
scripts under javascripts/doctor/ and the spec under javascripts/keras_doctor/spec/, the same
places relative to each other as in the checkout (doctor/js/, doctor/keras_doctor/spec/), so
one import path works in both. kb/site/hooks.py adds them to the MkDocs build and
kb/site/zensical.py copies them into the staged docs.
"""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

from kb.engine import runtimes, snippets

JS = snippets.ROOT / "doctor" / "js"
NODE_DIR = snippets.ROOT / ".runtimes" / "doctor-web-node"
SPEC = snippets.ROOT / "doctor" / "keras_doctor" / "spec"
DEST = "javascripts/doctor"
SPEC_DEST = "javascripts/keras_doctor/spec"
# what the page loads from each package (no other file of theirs is published)
VENDORED = {
    "vendor/h5wasm/hdf5_hl.js": "h5wasm/dist/esm/hdf5_hl.js",
    "vendor/h5wasm/hdf5_util.js": "h5wasm/dist/esm/hdf5_util.js",
    "vendor/h5wasm/LICENSE.txt": "h5wasm/LICENSE.txt",
    "vendor/fflate/browser.js": "fflate/esm/browser.js",
    "vendor/fflate/LICENSE": "fflate/LICENSE",
}
SPECS = ("findings", "classes", "bytecode", "formats", "site", "releases", "limits")
NODE_ONLY = ("node.mjs",)  # the Node runner: not a page script


def install() -> Path:
    """node_modules of the pinned packages, installed when the lock file changed."""
    return runtimes.npm_ci(JS, NODE_DIR)


def files() -> dict[str, Path]:
    """Site path -> source file, for every file the page needs."""
    modules = install()
    out = {f"{DEST}/{p.relative_to(JS).as_posix()}": p for p in sorted(JS.rglob("*"))
           if p.suffix in (".js", ".css") and p.name not in NODE_ONLY}
    out.update({f"{DEST}/{dest}": modules / src for dest, src in VENDORED.items()})
    out.update({f"{SPEC_DEST}/{name}.json": SPEC / f"{name}.json" for name in SPECS})
    return out


def copy_to(root: Path) -> None:
    """Copy them under root (a site or a staged docs directory)."""
    for dest, src in files().items():
        (root / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, root / dest)


def _picker() -> str:
    """The version picker (the CLI's --keras): one option per minor line that the version
    scan ran (spec/releases.json), naming the releases it ran, grouped by family."""
    groups: dict[str, dict[str, list[str]]] = {}
    families: dict[str, str] = {}
    for name, rel in json.loads((SPEC / "releases.json").read_text())["releases"].items():
        major, minor = rel["keras"].split(".")[:2]
        group = f"{runtimes.get(name).family.title} {major}"
        families[group] = rel["family"]
        groups.setdefault(group, {}).setdefault(f"{major}.{minor}", []).append(rel["keras"])
    body = "".join(
        f'<optgroup label="{html.escape(group)}" data-family="{families[group]}">' + "".join(
            f'<option value="{line}">{html.escape(group.rsplit(" ", 1)[0])} {line} '
            f'(runs: {", ".join(runs)})</option>' for line, runs in lines.items())
        + "</optgroup>" for group, lines in groups.items())
    return ('<p><label for="kb-doctor-keras">The Keras version that will load it</label> '
            '<select id="kb-doctor-keras"><option value="">any (no version named)</option>'
            f'{body}</select></p>\n')


def widget(site_url: str, root: str) -> str:
    """The page's drop zone (<!-- kb:doctor -->): root is the site's root relative to the
    page; its scripts and stylesheet load on this page only."""
    return (
        f'<div id="kb-doctor" class="kb-doctor" data-site="{site_url}" data-root="{root}" '
        'data-state="loading" markdown="0">\n'
        f'<link rel="stylesheet" href="{root}{DEST}/doctor.css">\n'
        '<div id="kb-doctor-drop" class="kb-doctor-drop">\n'
        '<p>Drop a <code>.h5</code>, a <code>.keras</code>, a <code>model.json</code> or a '
        'SavedModel folder here, or pick:</p>\n'
        '<p><label for="kb-doctor-file">Model file(s)</label> '
        '<input type="file" id="kb-doctor-file" multiple></p>\n'
        '<p><label for="kb-doctor-folder">A SavedModel folder</label> '
        '<input type="file" id="kb-doctor-folder" webkitdirectory></p>\n'
        '</div>\n'
        + _picker() +
        '<p id="kb-doctor-status" role="status" aria-live="polite">'
        '<noscript>The doctor runs in JavaScript, which is off.</noscript></p>\n'
        '<div id="kb-doctor-report"></div>\n'
        f'<script type="module" src="{root}{DEST}/page.js"></script>\n'
        '</div>\n')
