"""A snippet's goldens, their whole lifecycle: lookup, compare, plan the fewest files, write
them (create, change, prune), or create only the missing ones.

Goldens live beside the snippet, one per change point, found from its name alone:

    <stem>.out                      the output of every runtime with no golden of its family
    <stem>.<family>.out             the family's output from its oldest release on
    <stem>.<family>-<version>.out   the family's output from <version> on

A runtime's golden is its family's file with the highest version at or below its own, else
``<stem>.<family>.out``, else ``<stem>.out``. A preview (a family with ``preview = true``) with no
file of its own has the golden of its base family's newest release: its own file exists only
where the next release prints something else. ``plan`` gives the fewest such files.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from packaging.version import InvalidVersion, Version

from kb.engine import runtimes
from kb.engine.snippets import SNIPPETS, Snippet, SnippetError, discover, relpath


def files(s: Snippet) -> dict[str, Path]:
    """token -> path of every golden on disk ("" for <stem>.out)."""
    return {p.name[len(s.path.stem) + 1:-len(".out")]: p
            for p in s.path.parent.glob(f"{s.path.stem}.*") if p.suffix == ".out"}


def parse_token(token: str, s: Snippet | None = None) -> tuple[str | None, Version | None]:
    """A golden's middle part -> (family, change-point version); ("", None) is <stem>.out."""
    if token == "":
        return "", None
    if token in runtimes.FAMILIES:
        return token, None
    for fam in sorted(runtimes.FAMILIES, key=len, reverse=True):
        if token.startswith(fam + "-"):
            try:
                return fam, Version(token[len(fam) + 1:])
            except InvalidVersion:
                pass
    where = f"{s.path.parent.name}/" if s else ""
    raise SnippetError(f"snippets/{where}{s.path.stem if s else ''}.{token}.out: "
                       f"a golden is <stem>.out, <stem>.<family>.out or "
                       f"<stem>.<family>-<version>.out (families: {', '.join(runtimes.FAMILIES)})")


def lookup(s: Snippet, runtime: str, found: dict[str, Path] | None = None) -> Path:
    """The golden that holds a runtime's expected output (it may not exist yet)."""
    rt = runtimes.get(runtime)
    found = files(s) if found is None else found
    points = []
    for token in found:
        fam, version = parse_token(token, s)
        if fam == rt.family.name and version is not None and version <= rt.key:
            points.append((version, token))
    if points:
        return found[max(points)[1]]
    if rt.family.name in found:
        return found[rt.family.name]
    base = preview_base(s, rt)
    if base:
        return lookup(s, base, found)
    if "" in found:
        return found[""]
    return path(s, rt.family.name)


def preview_base(s: Snippet, rt: runtimes.Runtime) -> str | None:
    """For a preview: the newest release of its base family the snippet runs on."""
    if not rt.family.preview:
        return None
    base = [n for n in s.runtimes if runtimes.get(n).family.name == rt.family.base]
    return base[-1] if base else None


def diff(res, golden: Path | None = None) -> str | None:
    """None when a result's output matches its golden, else a unified diff (or why not)."""
    s, runtime, output = res.snippet, res.runtime, res.output
    golden = golden or lookup(s, runtime)
    if not golden.exists():
        return (f"missing golden {relpath(golden)} for {s.rel} on "
                f"{runtime}; create it with `pytest --update-goldens`")
    want = golden.read_text(encoding="utf-8")
    if want == output:
        return None
    lines = difflib.unified_diff(want.splitlines(True), output.splitlines(True),
                                 f"{relpath(golden)} (golden)", f"actual output on {runtime}")
    return "output differs from the golden (`pytest --update-goldens` rewrites it):\n" + "".join(lines)


def plan(s: Snippet, outputs: dict[str, str]) -> dict[str, str]:
    """The fewest golden files (token -> text) that give every runtime in ``outputs`` its
    text: a family's file at each change point, and <stem>.out for the first output that
    two or more families share."""
    by_family: dict[str, list[tuple[runtimes.Runtime, str]]] = {}
    previews = {}  # a preview's first file only where it differs from its base's newest
    for name in s.runtimes:
        base = preview_base(s, runtimes.get(name))
        if base:
            previews[runtimes.get(name).family.name] = outputs.get(base)
    for name in s.runtimes:
        if name in outputs:
            rt = runtimes.get(name)
            by_family.setdefault(rt.family.name, []).append((rt, outputs[name]))
    segments = {}
    for fam, runs in by_family.items():
        segs = []
        for rt, text in sorted(runs, key=lambda r: r[0].key):
            if not segs or segs[-1][1] != text:
                segs.append((rt, text))
        segments[fam] = segs
    firsts = [segs[0][1] for fam, segs in segments.items() if fam not in previews]
    common = max(firsts, key=firsts.count) if firsts else None
    if firsts.count(common) < 2:
        common = None
    plan = {}
    if common is not None:
        plan[""] = common
    for fam, segs in segments.items():
        for i, (rt, text) in enumerate(segs):
            if i == 0:
                if text != previews.get(fam, common):
                    plan[fam] = text
            else:
                plan[f"{fam}-{rt.version}"] = text
    return plan



def update(outputs: dict[str, dict[str, str]], create_only: bool = False,
           root: Path = SNIPPETS) -> str:
    """Write the goldens of the snippets that ran: ``outputs`` is snippet rel -> runtime ->
    output, of the pairs that met their expectation. The runtimes that did not run keep
    their committed golden. Creates, changes and prunes files to the fewest set; with
    ``create_only`` it writes only goldens that are missing and changes or removes none.
    Returns the summary line and one line per file touched."""
    created, changed, removed = [], [], []
    for s in discover(root):
        mine = outputs.get(s.rel)
        if not mine:
            continue
        found = files(s)
        missing = {rt for rt in mine if not lookup(s, rt, found).exists()}
        if create_only and not missing:
            continue
        wanted = {}  # a runtime's output: this run's, else its committed golden's
        for rt in s.runtimes:
            if rt in mine and (rt in missing or not create_only):
                wanted[rt] = mine[rt]
            elif lookup(s, rt, found).exists():
                wanted[rt] = lookup(s, rt, found).read_text(encoding="utf-8")
        planned = plan(s, wanted)
        for token, text in planned.items():
            if token not in found:
                created.append(path(s, token))
            elif create_only or found[token].read_text(encoding="utf-8") == text:
                continue
            else:
                changed.append(path(s, token))
            path(s, token).write_text(text, encoding="utf-8")
        for token, p in found.items():
            if token not in planned and not create_only:
                removed.append(p)
                p.unlink()
    flag = "--create-goldens" if create_only else "--update-goldens"
    lines = [f"  {what} {relpath(p)}" for what, group in
             (("created", created), ("changed", changed), ("removed", removed)) for p in group]
    return (f"{flag}: {len(created)} created, {len(changed)} changed, "
            f"{len(removed)} removed" + ("\n" + "\n".join(lines) if lines else ""))


def path(s: Snippet, token: str) -> Path:
    return s.path.with_name(f"{s.path.stem}.{token}.out" if token else f"{s.path.stem}.out")
