"""Page source transformations shared by the site build (kb/hooks.py) and the tests.

``expand_outputs``: a fenced block that includes one golden (``X.<runtime>.out``) of a
snippet that runs on several runtimes becomes a set of content tabs, one per runtime,
each including that runtime's golden. Tab labels are the runtimes' ``tab`` names, so
with ``content.tabs.link`` choosing "Keras 2.15" once selects it on every page.
"""
from __future__ import annotations

import re
from pathlib import Path

from kb import runner, runtimes

_OUT_FENCE_RE = re.compile(
    r'^(?P<indent>[ ]*)(?P<fence>`{3,})(?P<info>[^\n]*)\n'
    r'(?P=indent)--8<-- "(?P<path>snippets/[^"]+?)\.(?P<rt>[\w.-]+)\.out"\n'
    r'(?P=indent)(?P=fence)[ ]*$', re.M)


def _runtimes_of(path: str) -> list[str]:
    snippet = runner.ROOT / f"{path}.py"
    if not snippet.exists():
        return []
    return runner.parse(snippet).runtimes


def expand_outputs(markdown: str) -> str:
    def tabs(m: re.Match) -> str:
        rts = [r for r in _runtimes_of(m["path"]) if (runner.ROOT / f"{m['path']}.{r}.out").exists()]
        if len(rts) < 2:
            return m.group(0)
        ind = m["indent"]
        out = []
        for rt in rts:
            out += [f'{ind}=== "{runtimes.get(rt).tab}"', "",
                    f"{ind}    {m['fence']}{m['info']}",
                    f'{ind}    --8<-- "{m["path"]}.{rt}.out"',
                    f"{ind}    {m['fence']}", ""]
        return "\n".join(out).rstrip("\n")

    return _OUT_FENCE_RE.sub(tabs, markdown)


def expanded_page(path: Path) -> str:
    return expand_outputs(path.read_text(encoding="utf-8"))


def published_name(path: Path) -> str:
    """Where a snippet or golden file is published on the site (as plain text); pages
    link to its source path and MkDocs rewrites the link to this name."""
    return path.relative_to(runner.ROOT).as_posix() + ".txt"


def _cell(text: str) -> str:
    return (text.replace("|", "&#124;").replace("`", "&#96;").replace("_", "&#95;")
            .replace("*", "&#42;").replace("<", "&lt;").replace("[", "&#91;"))


def _page_title(page: str) -> str:
    for line in (runner.ROOT / "docs" / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return re.sub(r"\s*\{#[^}]*\}\s*$", "", line[2:]).replace("`", "")
    return page


def matrix(from_page: str, where: dict, page_order: list[str]) -> str:
    """The behaviour matrix: one table per page, a row per scenario (or snippet), a column
    per runtime; each cell is the outcome checked by the suite, linked to the golden."""
    up = "../" * from_page.count("/")
    names = list(runtimes.RUNTIMES)
    rows: dict[str, dict] = {}
    for s in runner.discover():
        label = s.scenario or s.key
        row = rows.setdefault(label, {"cells": {}, "page": None, "snippets": []})
        row["snippets"].append(s)
        for rt in s.runtimes:
            golden = s.golden(rt)
            if not golden.exists():
                continue
            outcome, exc = s.expect(rt)
            lines = [ln for ln in golden.read_text(encoding="utf-8").splitlines()
                     if ln.strip() and not ln.startswith(("WARNING", "<site-packages>", "  "))]
            if outcome == "raises":
                text = f"raises {exc}"
            else:
                last = lines[-1] if lines else "prints nothing"
                text = "runs: " + (last if len(last) <= 48 else last[:45] + "...")
            row["cells"][rt] = f"[{_cell(text)}]({up}{golden.relative_to(runner.ROOT).as_posix()})"
            hit = where.get(golden.relative_to(runner.ROOT).as_posix())
            if hit and row["page"] is None:
                row["page"] = hit
    rank = {p: i for i, p in enumerate(page_order)}
    by_page: dict[str, list] = {}
    for label, row in rows.items():
        page = row["page"][0] if row["page"] else ""
        by_page.setdefault(page, []).append((label, row))
    out = []
    for page in sorted(by_page, key=lambda p: (p != "original-article.md", rank.get(p, len(rank)))):
        slug = page.removesuffix(".md") or "other"
        title = _page_title(page) if page else "Not shown on a page"
        out += [f"## {title} {{#matrix-{slug}}}", "", f"[{_cell(title)}]({up}{page})", "",
                "| Scenario | " + " | ".join(runtimes.get(n).tab for n in names) + " |",
                "|---" * (len(names) + 1) + "|"]
        for label, row in by_page[page]:
            p, anchor, heading = row["page"] or ("", "", "")
            sources = ", ".join(f"[{s.path.name}]({up}{s.path.relative_to(runner.ROOT).as_posix()})"
                                for s in row["snippets"])
            title = f"[{_cell(heading or label)}]({up}{p}#{anchor})" if p else _cell(label)
            if row["snippets"][0].scenario:
                title = f"{_cell(label)} ([shown here]({up}{p}#{anchor}))" if p else _cell(label)
            cells = [row["cells"].get(n, "—") for n in names]
            out.append(f"| {title}<br><small>{sources}</small> | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)
