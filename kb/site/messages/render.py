"""The message catalogue rendered: its page's entries, messages.json (and its schema),
llms.txt and the home page's paste box."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from kb.engine import runtimes
from kb.engine.runtimes import ROOT
from kb.site import config
from kb.site.messages import corpus, exact, match
from kb.site.messages import catalogue
from kb.site.messages.catalogue import Answer, Template
from kb.site.messages.normalise import NORMALIZER, head_regex, pieces, regex

PAGE = "message-catalogue.md"  # the page whose anchors are the ids' permanent URLs


def _code(text: str) -> str:
    return "<code>" + exact.cell(text) + "</code>"


def _link(a: Answer, from_page: str) -> str:
    return f"[{exact.cell(a.heading or a.page)}]({'../' * from_page.count('/')}{a.page}" \
           + (f"#{a.anchor})" if a.anchor else ")")


def reports(templates: list[Template]) -> dict[str, list]:
    """How often readers report each template (data/corpus/messages.tsv, every split: the
    threads whose message holds its wording, exactly or by its first sentence): id -> the
    rows."""
    index = match.prepare(data(templates), {"docs": []})
    out: dict[str, list] = {}
    for row in corpus.load():
        hit = match.exact(index, match.clean(row.message))
        if hit:
            out.setdefault(hit[0]["id"], []).append(row)
    return out


def entries(templates: list[Template], from_page: str) -> str:
    """One section per registered template (its id is its heading's anchor); a provisional
    one is listed without an anchor until it is registered."""
    out, reported = [], reports(templates)
    for t in templates:
        heading = exact.cell(t.title).replace("{", "&#123;").replace("}", "&#125;")  # not attr_list's
        title = (f"### {t.id}: {heading} {{#{t.anchor}}}" if not t.provisional else
                 f"**{t.id}** (not in a release yet)" if t.unreleased else
                 f"**{t.id}** (provisional: not registered yet)")
        out += [title, "", _code(t.template), ""]
        if len(t.parts) > 1:
            out += [f"- **Cause** (the innermost exception): {_code(t.cause)}"]
        rows = reported.get(t.id, [])
        projects = [p for p, _ in Counter(r.project for r in rows).most_common()]  # most reporting first
        out += [f"- **Printed by**: {printed_by(t, from_page)}"] + ([
            f"- **Reported by readers**: in {len({r.source_url for r in rows})} public threads of the corpus, "
            f"in {', '.join(exact.cell(p) for p in projects[:6])}" + (f" and {len(projects) - 6} more projects" if len(projects) > 6 else "")]
            if rows else []) + [
                f"- **Answered in**: {_link(t.answer, from_page)}"]
        others = [(vals, i["answer"]) for vals, i in t.instances.items()
                  if i["answer"] and i["answer"] != t.answer and vals]
        for vals, a in others:
            out.append(f"- **With {', '.join(_code(v) for v in vals)}**: {_link(a, from_page)}")
        out.append("")
    return "\n".join(out)


def printed_by(t: Template, from_page: str = "") -> str:
    """The releases that print a template; one only a preview prints is "not in a release yet"."""
    if not t.unreleased:
        return runtimes.ranges(t.runtimes)
    up = "../" * from_page.count("/") if from_page else ""
    return ("not in a release yet: the next Keras prints it (" + ", ".join(
        f"{runtimes.get(p).family.package} {runtimes.get(p).version}" for p in t.previews)
        + (f", [coming next]({up}next.md))" if from_page else ")"))


# --- machine-readable: messages.json ------------------------------------------------------

def _page_facts(docs: Path, page: str) -> dict:
    """A page's H1, and its Answer tip's Case and Fix lines when it opens with one."""
    path = docs / page
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    h1 = next((exact.HEADING_RE.match(ln).group(2) for ln in text.splitlines()
               if ln.startswith("# ") and exact.HEADING_RE.match(ln)), page)
    facts = {"page_title": _plain(h1)}
    tip = re.search(r'^!!! tip "Answer"\n((?:[ ]{4}.*\n|\s*\n)+)', text, re.M)
    for label in ("Case", "Fix"):
        m = tip and re.search(rf"\*\*{label}:\*\*\s*(.+(?:\n[ ]{{4}}(?!\*\*).+)*)", tip.group(1))
        if m:
            facts[label.lower()] = _plain(m.group(1))
    return facts


def _plain(markdown: str) -> str:
    """A Case or Fix line as the paste box shows it, plain text: no marker (the box says the
    releases itself), no link syntax, no code backticks."""
    text = re.sub(r"\s*\(seen on <!--.*?-->\)|<!--.*?-->", "", markdown, flags=re.S)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"`([^`]*)`", r"\1", text).split())


def data(templates: list[Template], docs: Path = exact.DOCS, site_url: str = "") -> dict:
    """The catalogue as data (messages.json; its schema is data/messages.schema.json). URLs
    are relative to the site's root, so the file works from any sub-path."""
    facts: dict[str, dict] = {}

    def answer(a: Answer) -> dict:
        f = facts.setdefault(a.page, _page_facts(docs, a.page))
        return {"url": a.url, "title": _plain(a.heading) if a.heading else f["page_title"], **f}

    out = []
    for t in templates:
        values = [{"values": list(vals), "answer": answer(i["answer"])}
                  for vals, i in t.instances.items() if vals and i["answer"]]
        out.append({
            "id": t.id, "provisional": t.provisional,
            "url": f"{PAGE.removesuffix('.md')}/#{t.anchor}" if not t.provisional else None,
            "exception": t.exception, "template": t.template, "cause": t.cause,
            "placeholders": sorted({name for _, name in pieces(t.template) if name}),
            "regex": regex(t.template), "head_regex": head_regex(t.template),
            "printed_by": printed_by(t), "released": not t.unreleased,
            "runtimes": t.runtimes,
            "answer": answer(t.answer), "values": values,
            "seen": sorted({v for vals in t.instances for v in vals}),
        })
    return {"version": 1, "normalizer": NORMALIZER, "site_url": site_url,
            "template_syntax": "Python format strings: {name} is a placeholder, {{ and }} are braces",
            "regex_flavour": "ECMAScript and Python re alike; a match starts at the exception's name",
            "templates": out}


def to_json(templates: list[Template], docs: Path = exact.DOCS, site_url: str = "") -> str:
    return json.dumps(data(templates, docs, site_url), ensure_ascii=False, separators=(",", ":"))


def write_files(templates: list[Template], folder: Path, docs: Path = exact.DOCS, site_url: str = "") -> None:
    """messages.json, its schema and llms.txt, into a built site's root (or any folder: a
    build by another tool can take the same files)."""
    folder.mkdir(parents=True, exist_ok=True)
    messages = data(templates, docs, site_url)
    (folder / "messages.json").write_text(json.dumps(messages, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (folder / "match.json").write_text(json.dumps(match_data(messages, docs, config.nav_pages()), separators=(",", ":")),
                                       encoding="utf-8")
    (folder / "messages.schema.json").write_text(SCHEMA.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "llms.txt").write_text(llms_txt(templates, site_url), encoding="utf-8")


def match_data(messages: dict, docs: Path, pages: list[str]) -> dict:
    """match.json: the matcher's index (kb/site/messages/match.py), the releases in the
    registry's order (oldest first, for "a wording from a newer or older release") and
    where a reader files a message nothing answers."""
    out = match.build(messages, match.headings(docs, pages), texts=match.bodies(docs, pages))
    repo = (config.load().get("repo_url") or "").rstrip("/")
    return {**out, "runtimes": list(runtimes.RUNTIMES), "labels": {rt: runtimes.ranges([rt]) for rt in runtimes.RUNTIMES},
            "issue_url": f"{repo}/issues/new" if repo else ""}


def matcher_index(site: Path | None = None) -> dict:
    """The matcher's index (kb/site/messages/match.py) from a built site's messages.json and
    match.json, or built from the runs here."""
    if site is not None:
        return match.prepare(json.loads((site / "messages.json").read_text()), json.loads((site / "match.json").read_text()))
    messages = data(catalogue.build(page_order=config.nav_pages()))
    return match.prepare(messages, match_data(messages, exact.DOCS, config.nav_pages()))


def paste_box() -> str:
    """The paste box's HTML (the page's script, docs/javascripts/matcher.js, fills the card)."""
    return (
        '<form class="kb-paste" markdown="0" role="search" aria-label="Paste your error">\n'
        '<label for="kb-paste-text">Paste your error message or the whole traceback '
        '(Python, or the browser console for TensorFlow.js)</label>\n'
        '<textarea id="kb-paste-text" rows="4" spellcheck="false" autocomplete="off" '
        'placeholder="ValueError: Unknown layer: \'MyLayer\'. Please ensure you are using a …"></textarea>\n'
        '<div class="kb-paste__out" aria-live="polite"></div>\n'
        '<noscript><p>Without JavaScript, find your message in the table below.</p></noscript>\n'
        '</form>\n')


SCHEMA = ROOT / "data" / "messages.schema.json"


def llms_txt(templates: list[Template], site_url: str = "") -> str:
    """llms.txt (the llmstxt.org format): what the site is, where the catalogue is, and one
    line per template: its id, the wording, the releases printing it, the answer's URL."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    out = ["# Unknown layer: Lambda, answered", "",
           "> Why Keras and TensorFlow.js fail to load a saved model with a Lambda or custom layer, and "
           "how to fix or recover it. Every message below was printed by the site's test suite on the "
           "releases named; ids are permanent.", "",
           "Match a pasted message against `messages.json` (each template's `regex`, from the "
           "exception's name on; `head_regex` for the first sentence of its cause) and answer with "
           "the template's `answer.url`, or the URL of a `values` entry whose value the message holds. "
           "Placeholders in templates: `{name}`, `{class}`, `{config}` (a dumped configuration), "
           "`{path}`, `{number}`, `{shape}`, `{names}`, `{dict}`, `{object}`.", "",
           "## Catalogue", "",
           f"- [messages.json]({base}messages.json): every template, as data (schema: "
           f"[messages.schema.json]({base}messages.schema.json))",
           f"- [The message catalogue]({base}{PAGE.removesuffix('.md')}/): the same, one section per id", "",
           "## Messages", ""]
    for t in templates:
        if not t.provisional:
            out.append(f"- [{t.id}]({base}{t.answer.url}): `` {t.template} `` "
                       f"(printed by {runtimes.ranges(t.runtimes)})")
    return "\n".join(out) + "\n"
