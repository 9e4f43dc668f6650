"""The behaviour matrix (<!-- kb:matrix -->): every scenario against every runtime, each cell
the word for its recorded outcome (runs, refuses, fails) linked to the golden behind it."""
from __future__ import annotations

import re

from kb.engine import results, runtimes, snippets
from kb.site.messages import exact


def _page_title(page: str) -> str:
    for line in (snippets.ROOT / "docs" / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return re.sub(r"\s*\{#[^}]*\}\s*$", "", line[2:]).replace("`", "")
    return page


WORDS = {"runs": "✓", "refuses": "⊘", "fails": "✗"}  # a word and an icon, never colour alone


def word(outcome: str, output: str, runtime: str) -> str:
    """runs (the scenario ran to its end), refuses (the loader's guard against a file's code,
    by the words the registry gives its family: `refusal`), or fails (any other exception)."""
    if outcome != "raises":
        return "runs"
    refusal = runtimes.get(runtime).family.refusal
    return "refuses" if refusal and refusal in output else "fails"


def families() -> list[tuple[str, str, list[str]]]:
    """(family name, column title, its runtimes) in registry order."""
    out: dict[str, tuple[str, list[str]]] = {}
    for name, rt in runtimes.RELEASES.items():
        out.setdefault(rt.family.name, ("", []))[1].append(name)
    cols = []
    for k, (_, names) in out.items():
        f = runtimes.get(names[0]).family
        majors = {runtimes.get(n).version.split(".")[0] for n in names}
        major = f" {majors.pop()}" if len(majors) == 1 else ""
        cols.append((k, (f.short or f.title) + major + (f" {f.suffix}" if f.base else ""), names))
    return cols


def cell_segments(per_runtime: dict[str, tuple[str, str]], names: list[str]) -> list[tuple[str, str, list[str]]]:
    """[(word, golden, runtimes)] for one family: runtimes whose output is the same golden
    file (equal outputs) share a segment, in release order."""
    seg: dict[str, tuple[str, list[str]]] = {}
    for n in names:
        if n in per_runtime:
            w, golden = per_runtime[n]
            seg.setdefault(golden, (w, []))[1].append(n)
    return [(w, g, rts) for g, (w, rts) in seg.items()]


def matrix(from_page: str, where: dict, page_order: list[str]) -> str:
    """The behaviour matrix: one table per page, a row per scenario (or snippet), a column
    per runtime family; each cell lists the outcomes checked by the suite (a word and an
    icon) with the releases that gave that same output, each linked to the output."""
    up = "../" * from_page.count("/")
    fams = families()
    rows: dict[str, dict] = {}
    seen = results.load_all()
    for s in snippets.discover():
        label = s.scenario or s.key
        row = rows.setdefault(label, {"cells": {}, "page": None, "snippets": []})
        row["snippets"].append(s)
        for rt in s.runtimes:
            ran = seen.get(rt, {}).get("snippets", {}).get(s.rel)
            if not ran:
                continue
            golden = snippets.ROOT / ran["golden"]
            rel = golden.relative_to(snippets.ROOT).as_posix()
            # a scenario of several snippets: its last snippet's outcome stands for the row
            row["cells"][rt] = (word(ran["outcome"], golden.read_text(encoding="utf-8"), rt), rel)
            hit = where.get(rel)
            if hit and row["page"] is None:
                row["page"] = hit
    rank = {p: i for i, p in enumerate(page_order)}
    by_page: dict[str, list] = {}
    for label, row in rows.items():
        page = row["page"][0] if row["page"] else ""
        by_page.setdefault(page, []).append((label, row))
    out = []
    for page in sorted(by_page, key=lambda p: rank.get(p, len(rank))):  # the nav's order
        slug = page.removesuffix(".md") or "other"
        title = _page_title(page) if page else "Not shown on a page"
        # the families any of this page's scenarios ran on
        cols = [f for f in fams if any(n in row["cells"] for _, row in by_page[page] for n in f[2])]
        out += [f"## {title} {{#matrix-{slug}}}", "", f"[{exact.cell(title)}]({up}{page})" if page else "", "",
                '<div class="kb-matrix" markdown>', "",
                "| Scenario | " + " | ".join(t for _, t, _ in cols) + " |",
                "|---" * (len(cols) + 1) + "|"]
        for label, row in by_page[page]:
            p, anchor, heading = row["page"] or ("", "", "")
            sources = ", ".join(f"[{s.path.name}]({up}{s.path.relative_to(snippets.ROOT).as_posix()})"
                                for s in row["snippets"])
            title = f"[{exact.cell(heading or label)}]({up}{p}#{anchor})" if p else exact.cell(label)
            if row["snippets"][0].scenario:
                title = f"{exact.cell(label)} ([shown here]({up}{p}#{anchor}))" if p else exact.cell(label)
            cells = []
            for _, _, names in cols:
                segs = cell_segments(row["cells"], names)
                cells.append("".join(
                    f"[{WORDS[w]} {w} {runtimes.ranges(rts, versions_only=True)}]({up}{g}){{.kb-m .kb-m-{w}}}"
                    for w, g, rts in segs) or "—")
            out.append(f"| {title}<br><small>{sources}</small> | " + " | ".join(cells) + " |")
        out += ["", "</div>", ""]
    return "\n".join(out)
