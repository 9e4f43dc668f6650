"""Generated parts of pages shared by the site build (kb/hooks.py) and the tests: the
behaviour matrix, and where snippets and goldens are published."""
from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from kb import messages, results, runtimes, snippets

def published_name(path: Path) -> str:
    """Where a snippet or golden file is published on the site (as plain text); pages
    link to its source path and MkDocs rewrites the link to this name."""
    return path.relative_to(snippets.ROOT).as_posix() + ".txt"


def _page_title(page: str) -> str:
    for line in (snippets.ROOT / "docs" / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return re.sub(r"\s*\{#[^}]*\}\s*$", "", line[2:]).replace("`", "")
    return page


WORDS = {"runs": "✓", "refuses": "⊘", "fails": "✗"}  # a word and an icon, never colour alone


def word(outcome: str, output: str) -> str:
    """runs (the scenario ran to its end), refuses (a load that asks for safe_mode=False,
    Keras's guard against a file's code), or fails (any other exception)."""
    if outcome != "raises":
        return "runs"
    return "refuses" if "safe_mode" in output else "fails"


def _family_runs(names: list[str]) -> list[list[str]]:
    """Runtimes of one family split where a registry neighbour is missing."""
    order = list(runtimes.RUNTIMES)
    out: list[list[str]] = []
    for n in sorted(names, key=order.index):
        if out and order.index(n) == order.index(out[-1][-1]) + 1:
            out[-1].append(n)
        else:
            out.append([n])
    return out


def versions_text(names: list[str]) -> str:
    """"3.0.5–3.9.2, 3.15.1": the releases of one family, as ranges."""
    v = lambda n: runtimes.get(n).version  # noqa: E731
    return ", ".join(v(r[0]) if len(r) == 1 else f"{v(r[0])}–{v(r[-1])}" for r in _family_runs(names))


def families() -> list[tuple[str, str, list[str]]]:
    """(family name, column title, its runtimes) in registry order."""
    out: dict[str, tuple[str, list[str]]] = {}
    for name, rt in runtimes.RUNTIMES.items():
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
            row["cells"][rt] = (word(ran["outcome"], golden.read_text(encoding="utf-8")), rel)
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
        out += [f"## {title} {{#matrix-{slug}}}", "", f"[{messages.cell(title)}]({up}{page})" if page else "", "",
                '<div class="kb-matrix" markdown>', "",
                "| Scenario | " + " | ".join(t for _, t, _ in cols) + " |",
                "|---" * (len(cols) + 1) + "|"]
        for label, row in by_page[page]:
            p, anchor, heading = row["page"] or ("", "", "")
            sources = ", ".join(f"[{s.path.name}]({up}{s.path.relative_to(snippets.ROOT).as_posix()})"
                                for s in row["snippets"])
            title = f"[{messages.cell(heading or label)}]({up}{p}#{anchor})" if p else messages.cell(label)
            if row["snippets"][0].scenario:
                title = f"{messages.cell(label)} ([shown here]({up}{p}#{anchor}))" if p else messages.cell(label)
            cells = []
            for _, _, names in cols:
                segs = cell_segments(row["cells"], names)
                cells.append("".join(
                    f"[{WORDS[w]} {w} {versions_text(rts)}]({up}{g}){{.kb-m .kb-m-{w}}}"
                    for w, g, rts in segs) or "—")
            out.append(f"| {title}<br><small>{sources}</small> | " + " | ".join(cells) + " |")
        out += ["", "</div>", ""]
    return "\n".join(out)


ANSWER_RE = re.compile(r'<div class="admonition tip">\s*<p class="admonition-title">Answer</p>(.*?)</div>', re.S)


def _text(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def answer_lines(page_html: str) -> str:
    """In an answer box, the fix starts a line of its own even where the Markdown writes it
    right under the case (one paragraph): a line break before its **Fix:**."""
    return ANSWER_RE.sub(lambda m: m.group(0).replace(
        "\n<strong>Fix:</strong>", "<br>\n<strong>Fix:</strong>"), page_html)


def lazy_tables(page_html: str) -> str:
    """Every Markdown table in a box of its own (kb-table), which the stylesheet lays out and
    paints only near the viewport: a page's offscreen tables cost its first layout nothing.
    Inside it, the two boxes Material's bundle put around a table (it scrolls sideways on a
    narrow screen); the site runs without that bundle (docs/javascripts/site.js)."""
    return page_html.replace("<table>", '<div class="kb-table"><div class="md-typeset__scrollwrap">'
                             '<div class="md-typeset__table"><table>').replace(
        "</table>", "</table></div></div></div>")


def answers(page_html: str) -> list[dict]:
    """A page's answer boxes (the `!!! tip "Answer"` after its H1) as schema.org Questions
    for its JSON-LD: the question is the page's H1, the answer the box's text."""
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page_html, re.S)
    return [{"@type": "Question", "name": _text(h1.group(1)) if h1 else "",
             "acceptedAnswer": {"@type": "Answer", "text": _text(m.group(1))}}
            for m in ANSWER_RE.finditer(page_html)]


def error_pages(found) -> list[str]:
    """The error pages: every page the message index links a recorded message to
    (kb.messages.collect()). Each opens with the answer box (docs convention)."""
    return sorted({m.page for m in found})
