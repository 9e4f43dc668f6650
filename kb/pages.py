"""Generated parts of pages shared by the site build (kb/hooks.py) and the tests: the
behaviour matrix, and where snippets and goldens are published."""
from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from kb import results, runtimes, snippets

def published_name(path: Path) -> str:
    """Where a snippet or golden file is published on the site (as plain text); pages
    link to its source path and MkDocs rewrites the link to this name."""
    return path.relative_to(snippets.ROOT).as_posix() + ".txt"


def _cell(text: str) -> str:
    return (text.replace("|", "&#124;").replace("`", "&#96;").replace("_", "&#95;")
            .replace("*", "&#42;").replace("<", "&lt;").replace("[", "&#91;"))


def _page_title(page: str) -> str:
    for line in (snippets.ROOT / "docs" / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return re.sub(r"\s*\{#[^}]*\}\s*$", "", line[2:]).replace("`", "")
    return page


def matrix(from_page: str, where: dict, page_order: list[str]) -> str:
    """The behaviour matrix: one table per page, a row per scenario (or snippet), a column
    per runtime; each cell is the outcome checked by the suite, linked to the golden."""
    up = "../" * from_page.count("/")
    names = list(runtimes.RUNTIMES)
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
            outcome, exc = ran["outcome"], ran["exception"]
            lines = [ln for ln in golden.read_text(encoding="utf-8").splitlines()
                     if ln.strip() and not ln.startswith(("WARNING", "<site-packages>", "  "))]
            if outcome == "raises":
                text = f"raises {exc}"
            else:
                last = lines[-1] if lines else "prints nothing"
                text = "runs: " + (last if len(last) <= 48 else last[:45] + "...")
            row["cells"][rt] = f"[{_cell(text)}]({up}{golden.relative_to(snippets.ROOT).as_posix()})"
            hit = where.get(golden.relative_to(snippets.ROOT).as_posix())
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
        out += [f"## {title} {{#matrix-{slug}}}", "", f"[{_cell(title)}]({up}{page})", "",
                "| Scenario | " + " | ".join(runtimes.get(n).tab for n in names) + " |",
                "|---" * (len(names) + 1) + "|"]
        for label, row in by_page[page]:
            p, anchor, heading = row["page"] or ("", "", "")
            sources = ", ".join(f"[{s.path.name}]({up}{s.path.relative_to(snippets.ROOT).as_posix()})"
                                for s in row["snippets"])
            title = f"[{_cell(heading or label)}]({up}{p}#{anchor})" if p else _cell(label)
            if row["snippets"][0].scenario:
                title = f"{_cell(label)} ([shown here]({up}{p}#{anchor}))" if p else _cell(label)
            cells = [row["cells"].get(n, "—") for n in names]
            out.append(f"| {title}<br><small>{sources}</small> | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


ANSWER_RE = re.compile(r'<div class="admonition tip">\s*<p class="admonition-title">Answer</p>(.*?)</div>', re.S)


def _text(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


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
