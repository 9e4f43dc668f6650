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

from kb.site import includes
from kb.site.messages.normalise import shown
from kb.engine import results, runtimes, snippets

DOCS = snippets.ROOT / "docs"
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
    golden: str = ""  # root-relative path of the output it ends

    @property
    def summary(self) -> str:
        """The line a reader recognises (normalise.shown: the catalogue's summary, shortened)."""
        return shown(self.text)


def included_goldens(docs: Path = DOCS) -> dict[str, tuple[str, str, str]]:
    """golden path -> (page, anchor, heading) for every golden a page includes."""
    found = {}
    for page in sorted(docs.rglob("*.md")):
        anchor = heading = ""
        for line in includes.expanded_page(page).splitlines():
            m = HEADING_RE.match(line)
            if m:
                heading, anchor = m.group(2), m.group(3)
            for path, _ in includes.includes(line):
                if path.endswith(".out"):
                    found.setdefault(path, (page.relative_to(docs).as_posix(), anchor, heading))
    return found


def exception_text(output: str, exception: str) -> str | None:
    """The exception's text at the end of an output. When that text is only an exit status
    (a program the snippet ran failed, e.g. TF.js in Node), the message is that program's
    own last error line and what follows it."""
    lines = output.splitlines()
    # a class outside builtins prints with its module: tensorflow.python.framework.errors_impl.NotFoundError
    head = re.compile(rf"(?:[A-Za-z_]\w*\.)*{re.escape(exception)}(?::$|: )")
    starts = [i for i, ln in enumerate(lines) if head.match(ln)]
    if not starts:
        return None
    last = starts[-1]
    if re.fullmatch(rf"{re.escape(exception)}: -?\d+", lines[last]):
        errors = [i for i, ln in enumerate(lines[:last]) if re.match(r"^[A-Za-z_.]*Error: ", ln)]
        return "\n".join(lines[errors[-1]:last]) if errors else None
    return "\n".join(lines[last:])


def collect(docs: Path = DOCS) -> list[Message]:
    """Every (runtime, snippet) whose recorded run raised (results/), with the message its
    golden ends with, where a page shows that golden."""
    where = included_goldens(docs)
    out = []
    for rt, data in results.load_all().items():
        for rel, ran in data["snippets"].items():
            if ran["outcome"] != "raises" or ran["golden"] not in where:
                continue
            golden = snippets.ROOT / ran["golden"]
            text = exception_text(golden.read_text(encoding="utf-8"), ran["exception"])
            if text:
                page, anchor, heading = where[ran["golden"]]
                out.append(Message(ran["exception"], text, rt, rel, page, anchor, heading, ran["golden"]))
    return out


def collect_previews(docs: Path = DOCS) -> list[Message]:
    """The messages a preview's recorded run raised (results/<preview>.json), each answered by
    the section that shows the same snippet's output on the newest release of its base family."""
    from kb.engine import goldens

    where = included_goldens(docs)
    known = snippets.by_key()
    out = []
    for rt in runtimes.PREVIEWS:
        if not results.path(rt).exists():
            continue
        for rel, ran in results.load(rt)["snippets"].items():
            s = known.get(rel.removeprefix("snippets/").removesuffix(".py"))
            base = s and goldens.preview_base(s, runtimes.get(rt))
            shown = base and where.get(snippets.relpath(goldens.lookup(s, base)))
            if ran["outcome"] != "raises" or not shown:
                continue
            text = exception_text((snippets.ROOT / ran["golden"]).read_text(encoding="utf-8"),
                                  ran["exception"])
            if text:
                out.append(Message(ran["exception"], text, rt, rel, *shown, ran["golden"]))
    return out


def cell(text: str) -> str:
    """Text as a Markdown table cell shows it: HTML escaped, and no character that Markdown
    reads (a column bar, code, emphasis, a link) left as it is. Every generated table uses it."""
    return (html.escape(text, quote=False).replace("|", "&#124;").replace("`", "&#96;")
            .replace("_", "&#95;").replace("*", "&#42;").replace("[", "&#91;").replace("]", "&#93;"))


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
        where = "<br>".join(f"[{cell(label)}]({link})" for link, label in answers)
        runs = "<br>".join(runtimes.get(r).label for r in seen_on)
        out.append(f"| <code>{cell(summary)}</code> | {runs} | {where} |")
    return "\n".join(out)


def by_runtime(messages: list[Message], from_page: str, page_order: list[str] = ()) -> str:
    """One section per runtime: every distinct message it printed, as the golden has it
    (the first line, and Keras's inner cause), linked to the answer and to the whole output."""
    up = "../" * from_page.count("/")
    rank = {p: i for i, p in enumerate(page_order)}
    out = []
    for rt in runtimes.RELEASES:
        mine = sorted((m for m in messages if m.runtime == rt),
                      key=lambda m: (rank.get(m.page, len(rank)), m.page, m.snippet))
        if not mine:
            continue
        # old runtime names stay as anchors: links published before the registry keep working
        out += [f'<a id="messages-{alias}"></a>' for alias in runtimes.get(rt).aliases]
        out += [f"## {runtimes.get(rt).label} {{#messages-{rt}}}", "",
                "| Message | Answered in | Full output |", "|---|---|---|"]
        seen = set()
        for m in mine:
            if (m.summary, m.page, m.anchor) in seen:
                continue
            seen.add((m.summary, m.page, m.anchor))
            golden = snippets.ROOT / m.golden
            full = up + m.golden  # published as .txt
            answer = f"{up}{m.page}" + (f"#{m.anchor}" if m.anchor else "")
            out.append(f"| <code>{cell(m.summary)}</code> | [{cell(m.heading or m.page)}]({answer}) "
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
    items = "".join(f"    - <code>{cell(text)}</code> ({', '.join(rts)})\n" for text, rts in rows.items())
    return f'\n??? quote kb-messages "The messages this page answers"\n{items}'
