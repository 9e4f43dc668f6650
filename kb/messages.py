"""The exact messages the snippets produced, and the page that answers each.

Built from the committed goldens and from where the pages include them, never typed:
a failing snippet's golden ends with its exception (``format_exception_only``); the page
that includes that golden, under the nearest explicit heading id, is its answer.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from kb import pages, runner, runtimes

DOCS = runner.ROOT / "docs"
INCLUDE_RE = re.compile(r'--8<--\s+"(snippets/[^":]+)(?::[\w-]+)?"')
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")


@dataclass(frozen=True)
class Message:
    exception: str
    text: str  # the whole exception text, as the golden has it
    runtime: str
    snippet: str  # snippets/<topic>/<file>.py
    page: str  # docs-relative page path, e.g. why-unknown-layer-lambda.md
    anchor: str
    heading: str

    @property
    def summary(self) -> str:
        """The line a reader recognises: the first line, plus Keras's innermost cause."""
        lines = [ln for ln in self.text.splitlines() if ln.strip()]
        # the first sentence (Keras wraps some over several lines; a "when calling" header
        # is followed by the real message)
        first, rest = lines[0].rstrip(), lines[1:]
        while rest and (not first.endswith((".", "?", "}")) or first.endswith(".call().")) \
                and len(first) < 300 and not rest[0].startswith(("Exception encountered", "Arguments")):
            first = f"{first} {rest.pop(0).strip()}"
        first = re.split(r" using config=| config=\{", first)[0]  # drop dumped configs
        if len(first) > 160:
            first = first[:157].rsplit(" ", 1)[0] + " …"
        inner = next((ln for ln in reversed(lines[1:]) if ln.startswith("Exception encountered:")), None)
        if inner:
            first += " … " + inner.split(" Full object config:")[0]
        return first


def included_goldens(docs: Path = DOCS) -> dict[str, tuple[str, str, str]]:
    """golden path -> (page, anchor, heading) for every golden a page includes."""
    found = {}
    for page in sorted(docs.rglob("*.md")):
        anchor = heading = ""
        for line in pages.expanded_page(page).splitlines():
            m = HEADING_RE.match(line)
            if m:
                heading, anchor = m.group(2), m.group(3)
            for path in INCLUDE_RE.findall(line):
                if path.endswith(".out"):
                    found.setdefault(path, (page.relative_to(docs).as_posix(), anchor, heading))
    return found


def exception_text(output: str, exception: str) -> str | None:
    lines = output.splitlines()
    if exception == "SystemExit":  # a program the snippet ran failed (TF.js in Node):
        # its own error is the message, not the exit status
        starts = [i for i, ln in enumerate(lines) if re.match(r"^[A-Za-z_.]*Error: ", ln)]
        if starts:
            end = max(i for i, ln in enumerate(lines) if ln.startswith("SystemExit"))
            return "\n".join(lines[starts[-1]:end]) if starts[-1] < end else None
    starts = [i for i, ln in enumerate(lines) if ln == f"{exception}:" or ln.startswith(f"{exception}: ")]
    return "\n".join(lines[starts[-1]:]) if starts else None


def collect(docs: Path = DOCS) -> list[Message]:
    where = included_goldens(docs)
    out = []
    for s in runner.discover():
        if s.outcome != "raises":
            continue
        for rt in s.runtimes:
            golden = s.golden(rt)
            rel = golden.relative_to(runner.ROOT).as_posix()
            if rel not in where or not golden.exists():
                continue
            text = exception_text(golden.read_text(encoding="utf-8"), s.exception)
            if text:
                page, anchor, heading = where[rel]
                out.append(Message(s.exception, text, rt, s.rel, page, anchor, heading))
    return out


def _cell(text: str) -> str:
    return (html.escape(text, quote=False).replace("|", "&#124;").replace("`", "&#96;")
            .replace("_", "&#95;").replace("*", "&#42;"))


def table(messages: list[Message], from_page: str, page_order: list[str] = ()) -> str:
    """A Markdown table, one row per distinct message: the runtimes that printed it and
    the sections that answer it (links relative to from_page), in page_order."""
    depth = from_page.count("/")
    rank = {p: i for i, p in enumerate(page_order)}
    rows: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}
    for m in sorted(messages, key=lambda m: (rank.get(m.page, len(rank)), m.page)):
        seen_on, answers = rows.setdefault(m.summary, ([], []))
        if m.runtime not in seen_on:
            seen_on.append(m.runtime)
        link = "../" * depth + m.page + (f"#{m.anchor}" if m.anchor else "")
        if link not in [a for a, _ in answers]:
            answers.append((link, m.heading or m.page))
    out = ["| The message you see | Seen on | Answered in |", "|---|---|---|"]
    for summary, (seen_on, answers) in rows.items():
        where = "<br>".join(f"[{_cell(label)}]({link})" for link, label in answers)
        runs = "<br>".join(runtimes.get(r).label for r in seen_on)
        out.append(f"| <code>{_cell(summary)}</code> | {runs} | {where} |")
    return "\n".join(out)


def by_runtime(messages: list[Message], from_page: str, page_order: list[str] = ()) -> str:
    """One section per runtime: every distinct message it printed, as the golden has it
    (the first line, and Keras's inner cause), linked to the answer and to the whole output."""
    up = "../" * from_page.count("/")
    rank = {p: i for i, p in enumerate(page_order)}
    out = []
    for rt in runtimes.RUNTIMES:
        mine = sorted((m for m in messages if m.runtime == rt),
                      key=lambda m: (rank.get(m.page, len(rank)), m.page, m.snippet))
        if not mine:
            continue
        out += [f"## {runtimes.get(rt).label} {{#messages-{rt}}}", "",
                "| Message | Answered in | Full output |", "|---|---|---|"]
        seen = set()
        for m in mine:
            if (m.summary, m.page, m.anchor) in seen:
                continue
            seen.add((m.summary, m.page, m.anchor))
            golden = runner.ROOT / Path(m.snippet).with_suffix(f".{rt}.out")
            full = up + golden.relative_to(runner.ROOT).as_posix()  # published as .txt
            answer = f"{up}{m.page}" + (f"#{m.anchor}" if m.anchor else "")
            out.append(f"| <code>{_cell(m.summary)}</code> | [{_cell(m.heading or m.page)}]({answer}) "
                       f"| [{golden.name}]({full}) |")
        out.append("")
    return "\n".join(out)


def answered_here(here: list[Message]) -> str:
    """A page's own messages, listed at its top (from the goldens it includes): a reader
    sees at once whether the page is about their error, and search finds the page by the
    words of the message, which its title alone cannot hold."""
    rows: dict[str, list[str]] = {}
    for m in here:
        seen_on = rows.setdefault(m.summary.split(" … ")[0], [])
        if runtimes.get(m.runtime).tab not in seen_on:
            seen_on.append(runtimes.get(m.runtime).tab)
    if not rows:
        return ""
    items = "".join(f"    - <code>{_cell(text)}</code> ({', '.join(rts)})\n" for text, rts in rows.items())
    return f'\n??? quote "The messages this page answers"\n{items}'
