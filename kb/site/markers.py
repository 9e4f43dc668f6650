"""The markers a page may hold, ``<!-- kb:NAME ARGS -->`` on a line of its own, and what each
becomes (MARKERS: one generator each, from kb/site/tables/, kb/site/messages/ or the results).
An unknown marker, or one whose generator cannot answer, is a MarkerError naming the page.

``<!-- kb:messages -->`` becomes the table of every exact message the snippets produced, each
linked to the page and heading that answers it; ``<!-- kb:matrix -->`` the behaviour matrix
(scenario x runtime); ``<!-- kb:catalogue -->`` the message catalogue, one section per template
id, and ``<!-- kb:paste-box -->`` the paste box; ``<!-- kb:verified -->`` a one-line note
counting the runtimes that produced the outputs the page includes (from results/; every
runtime, on a page that includes none), their list behind its toggle; ``<!-- kb:seen-on
[ANCHOR] -->`` the runtimes whose runs printed a message the page (or its section ANCHOR)
answers, as ranges: the versions of an error page's answer box. ``<!-- kb:next [KEY] -->``
what the next Keras (a preview's recorded run) prints differently, ``<!-- kb:next-summary -->``
one line of it.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.utils import get_relative_url

from kb.engine import results, runtimes, snippets
from kb.site import doctor_web, includes
from kb.site.config import nav_pages
from kb.site.messages import catalogue, exact, render
from kb.site.tables import advisories, changes, matrix, preview, scanners, versions

_built: dict = {}  # what a build computes once: its messages, catalogue, releases


class MarkerError(ValueError):
    """A page's marker that cannot be replaced; the message names the page."""


def clear() -> None:
    """Forget what the last build computed (a new build starts)."""
    _built.clear()


def releases():
    if "releases" not in _built:
        _built["releases"] = changes.releases()
    return _built["releases"]


def _messages(config):
    """Every exact message the goldens hold, collected once per build."""
    if "messages" not in _built:
        _built["messages"] = exact.collect(Path(config["docs_dir"]))
    return _built["messages"]


def catalogue_of(config):
    """The message catalogue (kb/site/messages/catalogue.py), built once per build."""
    if "catalogue" not in _built:
        _built["catalogue"] = catalogue.build(Path(config["docs_dir"]), nav_pages(config["nav"] or []))
    return _built["catalogue"]


def _order(config, files) -> list[str]:
    nav = nav_pages(config["nav"] or [])
    return nav + [f.src_uri for f in files.documentation_pages() if f.src_uri not in nav]


# every <!-- kb:NAME ARGS --> marker a page may use, and what it becomes
MARKERS = {
    "messages": lambda md, args, page, config, files: exact.table(
        _messages(config), page.file.src_uri, _order(config, files)),
    "messages-by-runtime": lambda md, args, page, config, files: exact.by_runtime(
        _messages(config), page.file.src_uri, nav_pages(config["nav"] or [])),
    # the message catalogue: one section per template, its id the anchor (kb/site/messages/catalogue.py)
    "catalogue": lambda md, args, page, config, files: render.entries(
        catalogue_of(config), page.file.src_uri),
    # the paste box: a pasted message -> its case (docs/javascripts/matcher.js reads messages.json)
    "paste-box": lambda md, args, page, config, files: render.paste_box(),
    "matrix": lambda md, args, page, config, files: matrix.matrix(
        page.file.src_uri, exact.included_goldens(Path(config["docs_dir"])),
        nav_pages(config["nav"] or [])),
    "verified": lambda md, args, page, config, files: verified_note(md) + exact.answered_here(
        [m for m in _messages(config) if m.page == page.file.src_uri]),
    # the runtimes whose runs printed a message this page (or its section ANCHOR) answers,
    # as ranges: <!-- kb:seen-on [ANCHOR] --> (for an answer box's versions)
    "seen-on": lambda md, args, page, config, files: seen_on(
        _messages(config), page.file.src_uri, args),
    # the version scan (kb/site/tables/versions.py): data, not answers, so out of the search index
    "version-table": lambda md, args, page, config, files: unsearched(versions.tables(
        {args: ""}, _answers(config, page))),
    "version-grid": lambda md, args, page, config, files: unsearched(versions.grid(
        args, _answers(config, page))),
    "version-picker": lambda md, args, page, config, files: versions.picker(
        _version_titles(md), get_relative_url("javascripts/your-version.js", page.url),
        _answers(config, page), advisories.for_picker(),
        get_relative_url("security/", page.url) + "#advisories"),
    # a version range in prose, from the results: <!-- kb:releases KEY | CASE | WORD [| FAMILY] -->
    "releases": lambda md, args, page, config, files: versions.releases(
        *[a.strip() for a in args.split("|")]),
    # the writers whose file gives a message on some loader: <!-- kb:writers KEY | CASE | TEXT -->
    "writers": lambda md, args, page, config, files: versions.writers(
        *[a.strip() for a in args.split("|")]),
    "advisories": lambda md, args, page, config, files: advisories.table(),
    # the releases whose results changed an answer's output (kb/site/tables/changes.py; also changes.xml)
    "changes": lambda md, args, page, config, files: changes.page(
        exact.included_goldens(Path(config["docs_dir"])), page.file.src_uri, releases()),
    "advisories-clear": lambda md, args, page, config, files: advisories.clear(args),
    # coming in the next Keras (kb/site/tables/preview.py): what a preview's recorded run prints
    # differently from the newest release; <!-- kb:next [SNIPPET-KEY] -->, and one line of it
    "next": lambda md, args, page, config, files: preview.section(
        exact.included_goldens(Path(config["docs_dir"])), page.file.src_uri, args),
    "next-summary": lambda md, args, page, config, files: preview.summary(
        page.file.src_uri, exact.included_goldens(Path(config["docs_dir"]))),
    # the browser doctor's drop zone and report (kb/site/doctor_web.py, doctor/js/)
    "doctor": lambda md, args, page, config, files: doctor_web.widget(
        config.get("site_url") or "", get_relative_url(".", page.url).rstrip("/") + "/"),
    # keras-doctor beside modelscan and ModelAudit (kb/site/tables/scanners.py, from
    # results/scanners/scanners.json): the summary, and every file behind a toggle
    "scanners": lambda md, args, page, config, files: unsearched(scanners.table()),
    "scanners-files": lambda md, args, page, config, files: unsearched(scanners.files_table()),
    # a line quoting a source's own version numbers (exempt from the typed-range check)
    "source": lambda md, args, page, config, files: "",
}
MARKER_RE = re.compile(r"<!--\s*kb:([\w-]*)(?:\s+(.*?))?\s*-->")


def unsearched(markdown: str) -> str:
    """A generated block kept out of the search index (Material skips an element with
    data-search-exclude): release-by-release tables repeat every message and every
    keyword many times over, so they won queries whose answer is the page they link to,
    and they were a quarter of the index every page load builds."""
    return f"<div data-search-exclude markdown>\n\n{markdown}\n\n</div>\n"


def _answers(config, page):
    """message -> a link from this page to the section answering it (catalogue.answer_of)."""
    up = "../" * page.file.src_uri.count("/")
    index = catalogue.by_key(catalogue_of(config))

    def link(message: str) -> str | None:
        a = catalogue.answer_of(index, message.split("; fired:")[0])
        return f"{up}{a.page}" + (f"#{a.anchor}" if a.anchor else "") if a else None
    return link


def _version_titles(markdown: str) -> dict[str, tuple[str, str]]:
    """scan snippet key -> (heading, anchor) of the section its table or grid sits in."""
    found, heading = {}, ("", "")
    for line in markdown.splitlines():
        m = exact.HEADING_RE.match(line)
        if m:
            heading = (m.group(2), m.group(3))
        for name, args in MARKER_RE.findall(line):
            if name in ("version-table", "version-grid"):
                found[args.strip()] = heading
    return found


def seen_on(found, page: str, anchor: str = "") -> str:
    names = [m.runtime for m in found if m.page == page and (not anchor or m.anchor == anchor)]
    if not names:
        raise KeyError(f"no recorded message answered on {page}" + (f"#{anchor}" if anchor else ""))
    return runtimes.ranges(names)


def verified_note(markdown: str) -> str:
    """The runtimes whose recorded runs (results/) printed the outputs the page shows; on a
    page that shows none, every runtime with results."""
    shown = set(includes.shown_goldens(markdown))
    ran = results.load_all()
    names = [rt for rt, data in ran.items()
             if not shown or any(e["golden"] in shown for e in data["snippets"].values())]
    full = ", ".join(f"{runtimes.get(n).label} (`{n}`)" for n in names)
    # one line: the summary counts the runtimes, the toggle lists them
    count = f"{len(names)} runtime{'s' * (len(names) != 1)}"
    return (
        f'??? success kb-verified "Verified by running it on {count}"\n'
        f"    {runtimes.ranges(names)}.\n\n"
        f"    Every output on this page was produced by the site's test suite on: {full}.\n"
    )


def expand(markdown, page, config, files):
    """A page's Markdown with its includes expanded and every marker replaced."""
    try:
        markdown = includes.expand(markdown, f"{page.file.src_uri}: ")  # output tabs
    except (includes.IncludeError, snippets.SnippetError) as exc:
        raise MarkerError(str(exc)) from None
    source = markdown

    def replace(m: re.Match) -> str:
        name, args = m.group(1), (m.group(2) or "").strip()
        if name not in MARKERS:
            raise MarkerError(f"{page.file.src_uri}: unknown marker <!-- kb:{name} --> "
                              f"(known: {', '.join(MARKERS)})")
        try:
            return MARKERS[name](source, args, page, config, files)
        except (KeyError, TypeError) as exc:
            raise MarkerError(f"{page.file.src_uri}: <!-- kb:{name} {args} -->: {exc}") from None

    return MARKER_RE.sub(replace, markdown)
