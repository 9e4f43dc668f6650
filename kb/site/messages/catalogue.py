"""The message catalogue: every exact message the runs printed, as a template with a stable id.

Built at build time from what the runs recorded (results/ and the goldens they name, via
kb/site/messages/exact.py for the messages pages show and kb/site/tables/versions.py for the version scan), never
typed. A message becomes a template:

- its summary, the form a reader recognises and the version scan records: the first
  paragraph, plus Keras's innermost cause when it chains one (``… Exception encountered:``,
  or the paragraph after ``Exception encountered when calling X.call().``); that cause is
  marked as the cause;
- the reader's own parts as placeholders (Python format syntax, literal braces doubled):
  ``{config}`` for a dumped configuration (``Full object config: {...}``, ``config={...}``),
  ``{name}`` for a quoted identifier or a class/layer name, ``{names}`` for a quoted list,
  ``{class}`` for ``<class '...'>``, ``{object}`` for an object's repr, ``{path}``,
  ``{shape}``, ``{dict}`` and ``{number}``.

Messages with one template are one entry: the runtimes that print exactly that wording
(as ranges), the values seen in its placeholders and the section answering each (a class
name can decide the answer: ``Unknown layer: 'TFOpLambda'`` is not ``Unknown layer:
'MyLayer'``), and a default answer for values never seen (the section most values lead to).

Ids are permanent, like the Rust compiler's error codes: ``data/message_ids.tsv`` (committed)
maps each id to its template, and a test fails when a template has no id (``python -m
kb.site.messages --register`` appends the next ones) or a registered id lost its template. A
hash of the template would not survive a better normalizer (every template it touches gets
a new hash, and every published link to it breaks); a registry keeps the id and records the
new template. Until it is registered, a new template is in the catalogue with a provisional
id (``KB-`` and its hash) and no anchor, so nothing provisional gets published.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kb.engine import runtimes
from kb.site.messages import exact, ids
from kb.site.messages.normalise import key, summary, templatize, words
from kb.site.tables import versions


DECIDING = ("name", "names", "class", "dict")  # placeholders whose value can decide the answer


@dataclass(frozen=True)
class Answer:
    page: str
    anchor: str
    heading: str

    @property
    def url(self) -> str:  # site-relative
        return self.page.removesuffix(".md").removesuffix("index") + "/" * (self.page != "index.md") \
            + (f"#{self.anchor}" if self.anchor else "")


@dataclass
class Template:
    template: str
    exception: str
    runtimes: list[str] = field(default_factory=list)  # releases only
    previews: list[str] = field(default_factory=list)  # the previews that print it too
    instances: dict[tuple, dict] = field(default_factory=dict)  # values -> {answer, runtimes}
    example: str = ""  # one exact message, as a run printed it
    id: str = ""
    answer: Answer | None = None

    @property
    def parts(self) -> list[str]:
        return self.template.split(" … ")

    @property
    def cause(self) -> str:
        """The innermost exception's wording (the whole template when nothing is chained)."""
        cause = self.parts[-1].removeprefix("Exception encountered: ")
        return cause[len(self.exception) + 2:] if len(self.parts) == 1 and self.exception else cause

    @property
    def title(self) -> str:
        """The cause's first sentence, shortened: what a heading can hold."""
        first = re.split(r"(?<=\.)\s", self.cause.replace("{config}", ""))[0].rstrip(".:")
        return first if len(first) <= 70 else first[:67].rsplit(" ", 1)[0] + " …"

    @property
    def unreleased(self) -> bool:
        """Printed only by a preview: "not in a release yet" (by data: a release that prints
        it, once added to the registry and run, takes the mark away)."""
        return bool(self.previews) and not self.runtimes

    @property
    def provisional(self) -> bool:
        return self.id.startswith("KB-")

    @property
    def anchor(self) -> str:
        return self.id.lower()


def _exception_name(summary_text: str) -> str:
    m = re.match(r"([A-Za-z_][\w.]*): ", summary_text)
    return m.group(1) if m else ""


def build(docs: Path = exact.DOCS, page_order: list[str] = ()) -> list[Template]:
    """Every template, in page order of its answer, ids from the registry."""
    found: dict[str, Template] = {}

    def add(text: str, rt: str, answer: Answer | None, example: str = ""):
        s = summary(text)
        if not s:
            return
        tpl, values = templatize(s)
        t = found.setdefault(key(tpl), Template(tpl, _exception_name(s)))
        if "{config}" in tpl and "{config}" not in t.template:
            t.template = tpl
        mine = t.previews if rt in runtimes.PREVIEWS else t.runtimes
        if rt not in mine:
            mine.append(rt)
        vals = tuple(v for k, v in values if k in DECIDING)
        inst = t.instances.setdefault(vals, {"answers": [], "runtimes": []})
        if answer and answer not in inst["answers"]:
            inst["answers"].append(answer)
        if rt not in inst["runtimes"] and rt not in runtimes.PREVIEWS:
            inst["runtimes"].append(rt)
        if example and not t.example:
            t.example = example

    for m in exact.collect(docs):
        add(m.text, m.runtime, Answer(m.page, m.anchor, m.heading), m.text)
    for m in exact.collect_previews(docs):
        add(m.text, m.runtime, Answer(m.page, m.anchor, m.heading), m.text)
    for cases in [*versions.scan().values(), *versions.scan_previews().values()]:
        for per in cases.values():
            for rt, v in per.items():
                if v.message:
                    add(v.message.split("; fired:")[0], rt, None, v.message)

    rank = {p: i for i, p in enumerate(page_order)}
    order = list(runtimes.RELEASES)
    out = []
    for t in found.values():
        t.runtimes.sort(key=order.index)
        for inst in t.instances.values():
            inst["answer"] = _best(inst.pop("answers"), t.template, rank)
        t.answer = _default_answer(t, rank)
        if t.answer is None:  # printed by the scan only: the answer of the golden wording it starts
            heads = [u for u in found.values() if u is not t and u.parts[0] == t.parts[0]
                     and _default_answer(u, rank)]
            t.answer = _most_common([_default_answer(u, rank) for u in heads], rank)
        if t.answer is not None:
            out.append(t)
    _lend_values_to_first_lines(out)
    out.sort(key=lambda t: (rank.get(t.answer.page, len(rank)), t.answer.page, t.answer.anchor, t.template))
    ids.assign_ids(out)
    return out


def _lend_values_to_first_lines(templates: list[Template]) -> None:
    """A message of several lines whose first line is another template's whole wording (a
    JAX note under "'str' object has no attribute '_error_repr'"): a reader who pastes only
    that line holds its values, which lead to the longer message's answer there too."""
    for t in templates:
        for u in templates:
            if u is t or not t.template.startswith(u.template + " ") or not u.instances:
                continue
            n = len(next(iter(u.instances)))
            for vals, inst in t.instances.items():
                if len(vals) >= n and vals[:n] and vals[:n] not in u.instances:
                    u.instances[vals[:n]] = {"answer": inst["answer"], "runtimes": inst["runtimes"]}



def _best(answers: list[Answer], template: str, rank: dict) -> Answer | None:
    """Of the sections that show a message, the answer: the first page in the nav (the nav
    leads from the main answers to their neighbours), on it the section whose heading holds
    most of the message's words (headings carry the words readers paste)."""
    mine = words(template)
    return min(answers, default=None, key=lambda a: (
        rank.get(a.page, len(rank)), -len(words(a.heading) & mine), a.anchor))


def _most_common(answers: list[Answer], rank: dict, template: str = "") -> Answer | None:
    """The answer most often given; of equals, the first in the nav, then the one whose
    heading holds most of the template's words."""
    if not answers:
        return None
    count: dict[tuple, list] = {}
    for a in answers:
        count.setdefault((a.page, a.anchor), [0, a])[0] += 1
    mine = words(template)
    return min(count.values(), key=lambda c: (-c[0], rank.get(c[1].page, len(rank)),
                                              -len(words(c[1].heading) & mine), c[1].anchor))[1]


def _default_answer(t: Template, rank: dict) -> Answer | None:
    """The section most of the values seen lead to (a value never seen is most likely
    one more of those)."""
    return _most_common([i["answer"] for i in t.instances.values() if i["answer"]], rank, t.template)


def answer_for(t: Template, values: tuple) -> Answer:
    inst = t.instances.get(values)
    return inst["answer"] if inst and inst["answer"] else t.answer


def by_key(templates: list[Template]) -> dict[str, Template]:
    """The templates by their key: answer_of's index, built once for many messages."""
    return {key(t.template): t for t in templates}


def answer_of(index: dict[str, Template], message: str) -> Answer | None:
    """The section that answers a message the runs printed: its template's answer for the
    values it holds (index: by_key of the catalogue). The one place a message is tied to its
    answer (the pages' tables and messages.json, which the matcher reads, both come from it)."""
    s = summary(message)
    if not s:
        return None
    tpl, values = templatize(s)
    t = index.get(key(tpl))
    return answer_for(t, tuple(v for k, v in values if k in DECIDING)) if t else None
