"""The built pages' HTML, finished: answer boxes with the fix on a line of its own, tables in
boxes laid out only near the viewport, the FAQ data of a page's JSON-LD; and where snippets
and goldens are published on the site."""
from __future__ import annotations

import html as htmllib
import re
import tomllib
from functools import cache
from pathlib import Path

from kb.engine import snippets


RENAMED = snippets.ROOT / "data" / "renamed_topics.toml"


def published_name(path: Path) -> str:
    """Where a snippet or golden file is published on the site (as plain text); pages
    link to its source path and MkDocs rewrites the link to this name."""
    return path.relative_to(snippets.ROOT).as_posix() + ".txt"


@cache
def renamed_topics() -> dict[str, str]:
    """old topic -> its name now (data/renamed_topics.toml)."""
    return tomllib.loads(RENAMED.read_text(encoding="utf-8"))["topics"]


def current(rel: str) -> str:
    """A snippet or golden path under its topic's name now ("snippets/why/010_x.py" ->
    "snippets/why-unknown-layer-lambda/010_x.py")."""
    parts = rel.split("/")
    if len(parts) > 2 and parts[0] == "snippets" and parts[1] in renamed_topics():
        parts[1] = renamed_topics()[parts[1]]
    return "/".join(parts)


def earlier_names(path: Path) -> list[str]:
    """The names a snippet or golden file was published under before its topic was renamed."""
    rel = path.relative_to(snippets.ROOT).as_posix()
    return [published_name(snippets.ROOT / rel.replace(f"snippets/{new}/", f"snippets/{old}/", 1))
            for old, new in renamed_topics().items() if rel.startswith(f"snippets/{new}/")]


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
    (kb.site.messages.exact.collect()). Each opens with the answer box (docs convention)."""
    return sorted({m.page for m in found})
