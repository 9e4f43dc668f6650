"""The one module that knows the ``--8<--`` include syntax of the pages.

A page includes a snippet's shown code with ``--8<-- "snippets/<topic>/<file>.py:code"`` and
an output with a fenced block holding ``--8<-- "snippets/<topic>/<stem>.<runtime>.out"``,
where <runtime> is a runtime's name, an old alias, or a family (its newest release the snippet
runs on). That reference names *the output of that runtime*, not a file: ``expand`` turns it
into content tabs, one per distinct golden (kb/engine/snippets.py), labelled with the releases that
print it ("Keras 3.10.0–3.15.1"), the tab of the named runtime first; each tab includes the
real golden file, which pymdownx.snippets then reads. The site build (kb/site/hooks.py) and the
tests (conftest.py) both call ``expand``, so they see the same page.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from kb.engine import goldens, runtimes, snippets

ROOT = runtimes.ROOT
# one include line: --8<-- "path" or --8<-- "path:section"
LINE_RE = re.compile(r'^(?P<indent>[ ]*)--8<--\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
_OUT_FENCE_RE = re.compile(
    r'^(?P<indent>[ ]*)(?P<fence>`{3,})(?P<info>[^\n]*)\n'
    r'(?P=indent)--8<-- "(?P<path>snippets/[^"]+?)\.(?P<rt>[\w.-]+)\.out"\n'
    r'(?P=indent)(?P=fence)[ ]*$', re.M)


class IncludeError(ValueError):
    pass


def includes(markdown: str) -> list[tuple[str, str | None]]:
    """(path, section) of every include line, in order."""
    return [(m["path"], m["section"]) for m in map(LINE_RE.match, markdown.splitlines()) if m]


@functools.lru_cache(maxsize=None)
def _snippet(stem_path: str) -> snippets.Snippet | None:
    path = ROOT / f"{stem_path}.py"
    return snippets.parse(path) if path.exists() else None


def clear() -> None:
    """Forget parsed snippets and expanded pages (a new build of `mkdocs serve`)."""
    for fn in (_snippet, _groups, expand):
        fn.cache_clear()


def runtime_of(s: snippets.Snippet, token: str, where: str = "") -> str:
    """The runtime an output reference names: a runtime, an alias, or a family's newest."""
    name = runtimes.ALIASES.get(token, token)
    if name in s.runtimes:
        return name
    fam = [rt for rt in s.runtimes if runtimes.get(rt).family.name == token]
    if fam:
        return fam[-1]
    raise IncludeError(f"{where}{s.rel} has no output on {token!r} (it runs on "
                       f"{', '.join(s.runtimes)})")


def groups(s: snippets.Snippet) -> list[tuple[Path, list[str]]]:
    """(golden, the runtimes it serves) for every golden of a snippet, in registry order."""
    return list(_groups(s.path))


@functools.lru_cache(maxsize=None)
def _groups(path: Path) -> tuple:
    s = snippets.parse(path)
    files = goldens.files(s)
    found: dict[Path, list[str]] = {}
    for rt in s.runtimes:
        if rt in runtimes.RELEASES:  # a preview is never a tab (kb/site/tables/preview.py)
            found.setdefault(goldens.lookup(s, rt, files), []).append(rt)
    return tuple(found.items())


@functools.lru_cache(maxsize=256)
def expand(markdown: str, where: str = "") -> str:
    """Output references -> content tabs of real golden files (see the module doc)."""
    def tabs(m: re.Match) -> str:
        s = _snippet(m["path"])
        if s is None:
            raise IncludeError(f"{where}include of {m['path']}.{m['rt']}.out: no snippet "
                               f"{m['path']}.py")
        chosen = runtime_of(s, m["rt"], where)
        found = groups(s)
        found.sort(key=lambda g: chosen not in g[1])
        ind, out = m["indent"], []
        if len(found) == 1:
            golden = found[0][0]
            return (f"{ind}{m['fence']}{m['info']}\n{ind}--8<-- \"{snippets.relpath(golden)}\"\n"
                    f"{ind}{m['fence']}" + import_note(found[0][1], ind))
        for golden, names in found:
            out += [f'{ind}=== "{runtimes.ranges(names)}"', "",
                    f"{ind}    {m['fence']}{m['info']}",
                    f'{ind}    --8<-- "{snippets.relpath(golden)}"',
                    f"{ind}    {m['fence']}" + import_note(names, ind + "    "), ""]
        return "\n".join(out).rstrip("\n")

    return _OUT_FENCE_RE.sub(tabs, markdown)


def import_note(names: list[str], ind: str) -> str:
    """What importing the runtime's modules printed (results/<runtime>.json, recorded from the
    run's preload: kb/engine/child.py), where a release printed anything: a reader running the
    file sees it first, once per process; the output above is the file's own."""
    from kb.engine import results

    printed: dict[str, list[str]] = {}
    for name in names:
        text = results.load(name).get("import_output", "")
        if text:
            printed.setdefault(text, []).append(name)
    out = []
    for text, rts in printed.items():
        mods = ", ".join(runtimes.get(rts[0]).preload)
        out += ["", f'{ind}!!! note "Printed before this output on {runtimes.ranges(rts)}"',
                f"{ind}    Importing {mods} printed this first (once per process); a file that "
                f"imports them shows it above its own output:", "",
                f"{ind}    ```text", *(f"{ind}    {ln}" for ln in text.rstrip("\n").splitlines()),
                f"{ind}    ```"]
    return "\n".join(out)


def expanded_page(path: Path) -> str:
    return expand(path.read_text(encoding="utf-8"), f"{path.name}: ")


def shown_goldens(markdown: str) -> list[str]:
    """Every golden file (root-relative) an expanded page includes."""
    return [p for p, _ in includes(expand(markdown)) if p.endswith(".out")]
