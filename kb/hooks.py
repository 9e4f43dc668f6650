"""MkDocs hooks: generated parts of pages (never typed by hand).

A page asks for a generated block with an HTML comment on a line of its own:
``<!-- kb:messages -->`` becomes the table of every exact message the snippets
produced, each linked to the page and heading that answers it;
an output reference becomes content tabs, one per distinct output (kb/includes.py);
an unknown ``<!-- kb:... -->`` marker fails the build.
``<!-- kb:matrix -->`` becomes the behaviour matrix (scenario x runtime).
``<!-- kb:catalogue -->`` becomes the message catalogue, one section per template id, and
``<!-- kb:paste-box -->`` the paste box (kb/catalogue.py); the build writes messages.json,
its schema and llms.txt at the site's root.
``<!-- kb:verified -->`` becomes a one-line note counting the runtimes that produced the
outputs the page includes (from results/; every runtime, on a page that includes none),
their list behind its toggle. ``<!-- kb:seen-on [ANCHOR] -->`` becomes the runtimes whose
runs printed a message the page (or its section ANCHOR) answers, as ranges: the versions
of an error page's answer box.

Notebook pages (kb/notebook.py): each jupytext source is executed and checked before
mkdocs-jupyter sees it (a cell that changes behaviour fails the build), rendered by
mkdocs-jupyter, given a "Download notebook" link to the executed .ipynb, and stripped of
its inline stylesheets, which all notebook pages share as one file instead.
KB_NOTEBOOK_EXECUTE=0 renders the notebooks without running them (a quick preview).
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb import advisories, catalogue, changes, doctor_web, includes, messages, notebook, pages, results, runtimes, snippets, versions  # noqa: E402

_cache: dict = {}


def on_config(config):
    """site_url is mkdocs.yml's, or KB_SITE_URL's when set (the Pages workflow passes the
    URL GitHub Pages serves the site from)."""
    url = os.environ.get("KB_SITE_URL", "").strip()
    if url:
        config["site_url"] = url.rstrip("/") + "/"
    return config


def on_pre_build(config):
    _cache.clear()
    includes.clear()
    versions.scan.cache_clear()


@event_priority(100)  # before mkdocs-jupyter's on_files, which makes .ipynb files pages
def _add_notebooks(files, config):
    """Each notebook becomes a page (its .ipynb, executed when the page is built)."""
    from mkdocs.structure.files import File

    build = _cache["notebooks"] = Path(tempfile.mkdtemp(prefix="kb-notebooks-"))
    run = os.environ.get("KB_NOTEBOOK_EXECUTE", "1") != "0"
    for uri, source in notebook.NOTEBOOKS.items():
        notebook.write_ipynb(notebook.read(source), build / uri)
        files.append(File(uri, str(build), config["site_dir"], config["use_directory_urls"]))
        if run:  # the kernel imports TensorFlow while the other pages are built
            _cache.setdefault("runs", {})[uri] = _in_background(notebook.execute, source)
    return files


def _in_background(function, *args):
    """Start function(*args) in a daemon thread (a failed build does not wait for it);
    the returned callable waits for its result, or raises its exception."""
    import threading

    box = {}

    def target():
        try:
            box["result"] = function(*args)
        except BaseException as exc:  # handed to the waiting caller
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()

    def wait():
        thread.join()
        if "error" in box:
            raise box["error"]
        return box["result"]

    return wait


def _publish_files(files, config):
    """Publish every snippet and golden as plain text, for the matrix page to link to,
    and each executed notebook for download, next to its page."""
    from mkdocs.structure.files import File

    for uri in notebook.NOTEBOOKS:  # copied after the pages are built: the executed one
        files.append(File.generated(config, notebook.download_uri(uri),
                                    abs_src_path=str(_cache["notebooks"] / uri)))

    for path in sorted(snippets.SNIPPETS.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".js", ".out"):
            f = File(path.relative_to(snippets.ROOT).as_posix(),
                     str(snippets.ROOT), config["site_dir"], False)
            f.dest_uri = pages.published_name(path)
            files.append(f)
    # the browser doctor's parsers (npm, pinned) and the doctor's spec (kb/doctor_web.py)
    for dest, src in doctor_web.files().items():
        files.append(File.generated(config, dest, abs_src_path=str(src)))
    return files


on_files = CombinedEvent(_add_notebooks, _publish_files)


def on_pre_page(page, config, files):
    """Wait for a notebook's run (started by _add_notebooks) and its checks, just before
    mkdocs-jupyter renders it; a cell that did not behave stops the build."""
    uri = page.file.src_uri
    if uri in _cache.get("runs", {}):
        try:
            nb = _cache["runs"].pop(uri)()
        except notebook.NotebookFailed as exc:
            raise PluginError(f"notebook page {uri}: {exc}") from None
        notebook.write_ipynb(nb, _cache["notebooks"] / uri)
    return page


# A page's weight in the search, by the part of the nav it is in. The pages of "Other loading
# failures" answer errors of every Keras model, not only of one with a Lambda or custom layer;
# their titles and text are full of the words every pasted error has ("load", "model",
# "weights", "keras"), so at full weight they outranked the page that holds the message.
SEARCH_WEIGHT = {"Other loading failures": 0.5}


def search_weight(page) -> float | None:
    return SEARCH_WEIGHT.get(page.parent.title) if page.parent else None


def on_page_content(html, page, config, files):
    html = pages.lazy_tables(pages.answer_lines(html))
    faq = pages.answers(html)
    if faq:  # overrides/main.html makes the page an FAQPage in its JSON-LD
        page.meta["kb_faq"] = faq
    if search_weight(page) is not None:
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": search_weight(page)}
    if page.file.src_uri not in notebook.NOTEBOOKS:
        return html
    # A walkthrough, not an answer: its step headings ("Loading it back fails") share the
    # words of many pasted errors; at half weight the page that answers one ranks first
    # (measured: hit@1 on 20 further queries 0.85 -> 0.95, no other query changed)
    page.meta["search"] = {**(page.meta.get("search") or {}), "boost": 0.5}
    html, css = notebook.share_styles(html)
    html = notebook.add_links(notebook.exclude_from_search(html), page.file.src_uri, page.url)
    _cache.setdefault("notebook_pages", {})[page.file.src_uri] = (css, notebook.used_classes(html))
    return html


def _notebook_stylesheet() -> tuple[str, str]:
    """(name, text) of the one stylesheet every notebook page links to: the rules of the
    CSS mkdocs-jupyter inlined that can match something on those pages. Every page is
    rendered before the first is written, so it is known by then."""
    if "stylesheet" not in _cache:
        parts = list(_cache["notebook_pages"].values())
        css = "\n".join(dict.fromkeys(css for css, _ in parts))
        css = notebook.purge(css, set().union(*(classes for _, classes in parts)))
        _cache["stylesheet"] = (notebook.stylesheet_name(css), css)
    return _cache["stylesheet"]


def on_post_page(output, page, config):
    if page.file.src_uri in notebook.NOTEBOOKS:
        name = get_relative_url(_notebook_stylesheet()[0], page.url)
        output = output.replace("</head>", f'  <link rel="stylesheet" href="{name}">\n  </head>', 1)
    return output


def _releases():
    if "releases" not in _cache:
        _cache["releases"] = changes.releases()
    return _cache["releases"]


def on_post_build(config):
    feed = Path(config["site_dir"]) / changes.FEED  # the Atom feed of docs/changes.md
    feed.write_text(changes.atom(messages.included_goldens(Path(config["docs_dir"])),
                                 config["site_url"], _releases()), encoding="utf-8")
    # the message catalogue for programs and the matcher (kb/catalogue.py), at the site's root
    site = Path(config["site_dir"])
    catalogue.write_files(_catalogue(config), site, Path(config["docs_dir"]), config.get("site_url") or "")
    if "stylesheet" in _cache:
        name, css = _cache["stylesheet"]
        path = Path(config["site_dir"]) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(css, encoding="utf-8")
    on_build_error(None)


def on_build_error(error):
    if "notebooks" in _cache:  # the generated .ipynb files (a temporary directory)
        shutil.rmtree(_cache.pop("notebooks"), ignore_errors=True)


def on_serve(server, config, builder):
    for source in notebook.NOTEBOOKS.values():
        server.watch(str(source))
    return server


def _messages(config):
    """Every exact message the goldens hold, collected once per build."""
    if "messages" not in _cache:
        _cache["messages"] = messages.collect(Path(config["docs_dir"]))
    return _cache["messages"]


def _catalogue(config):
    """The message catalogue (kb/catalogue.py), built once per build."""
    if "catalogue" not in _cache:
        _cache["catalogue"] = catalogue.build(Path(config["docs_dir"]), _nav_files(config["nav"] or []))
    return _cache["catalogue"]


def _order(config, files) -> list[str]:
    nav = _nav_files(config["nav"] or [])
    return nav + [f.src_uri for f in files.documentation_pages() if f.src_uri not in nav]


# every <!-- kb:NAME ARGS --> marker a page may use, and what it becomes
MARKERS = {
    "messages": lambda md, args, page, config, files: messages.table(
        _messages(config), page.file.src_uri, _order(config, files)),
    "messages-by-runtime": lambda md, args, page, config, files: messages.by_runtime(
        _messages(config), page.file.src_uri, _nav_files(config["nav"] or [])),
    # the message catalogue: one section per template, its id the anchor (kb/catalogue.py)
    "catalogue": lambda md, args, page, config, files: catalogue.entries(
        _catalogue(config), page.file.src_uri),
    # the paste box: a pasted message -> its case (docs/javascripts/matcher.js reads messages.json)
    "paste-box": lambda md, args, page, config, files: catalogue.paste_box(),
    "matrix": lambda md, args, page, config, files: pages.matrix(
        page.file.src_uri, messages.included_goldens(Path(config["docs_dir"])),
        _nav_files(config["nav"] or [])),
    "verified": lambda md, args, page, config, files: verified_note(md) + messages.answered_here(
        [m for m in _messages(config) if m.page == page.file.src_uri]),
    # the runtimes whose runs printed a message this page (or its section ANCHOR) answers,
    # as ranges: <!-- kb:seen-on [ANCHOR] --> (for an answer box's versions)
    "seen-on": lambda md, args, page, config, files: seen_on(
        _messages(config), page.file.src_uri, args),
    # the version scan (kb/versions.py): data, not answers, so out of the search index
    "version-table": lambda md, args, page, config, files: unsearched(versions.tables(
        {args: ""}, _answers(config, page))),
    "version-grid": lambda md, args, page, config, files: unsearched(versions.grid(
        args, _answers(config, page))),
    "version-picker": lambda md, args, page, config, files: versions.picker(
        _version_titles(md), get_relative_url("javascripts/your-version.js", page.url),
        _answers(config, page), get_relative_url("security/", page.url) + "#advisories"),
    # a version range in prose, from the results: <!-- kb:releases KEY | CASE | WORD [| FAMILY] -->
    "releases": lambda md, args, page, config, files: versions.releases(
        *[a.strip() for a in args.split("|")]),
    # the writers whose file gives a message on some loader: <!-- kb:writers KEY | CASE | TEXT -->
    "writers": lambda md, args, page, config, files: versions.writers(
        *[a.strip() for a in args.split("|")]),
    "advisories": lambda md, args, page, config, files: advisories.table(),
    # the releases whose results changed an answer's output (kb/changes.py; also changes.xml)
    "changes": lambda md, args, page, config, files: changes.page(
        messages.included_goldens(Path(config["docs_dir"])), page.file.src_uri, _releases()),
    "advisories-clear": lambda md, args, page, config, files: advisories.clear(args),
    # the browser doctor's drop zone and report (kb/doctor_web.py, docs/javascripts/doctor/)
    "doctor": lambda md, args, page, config, files: doctor_web.widget(
        config.get("site_url") or "", get_relative_url(".", page.url).rstrip("/") + "/"),
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


def _answers(config, page) -> dict[str, str]:
    """The first line of every message the index knows -> the section answering it,
    as a link from this page."""
    up = "../" * page.file.src_uri.count("/")
    return {m.summary.split(" … ")[0]: f"{up}{m.page}" + (f"#{m.anchor}" if m.anchor else "")
            for m in _messages(config)}


def _version_titles(markdown: str) -> dict[str, tuple[str, str]]:
    """scan snippet key -> (heading, anchor) of the section its table or grid sits in."""
    found, heading = {}, ("", "")
    for line in markdown.splitlines():
        m = messages.HEADING_RE.match(line)
        if m:
            heading = (m.group(2), m.group(3))
        for name, args in MARKER_RE.findall(line):
            if name in ("version-table", "version-grid"):
                found[args.strip()] = heading
    return found


def on_page_markdown(markdown, page, config, files):
    try:
        markdown = includes.expand(markdown, f"{page.file.src_uri}: ")  # output tabs
    except (includes.IncludeError, snippets.SnippetError) as exc:
        raise PluginError(str(exc)) from None
    source = markdown

    def replace(m: re.Match) -> str:
        name, args = m.group(1), (m.group(2) or "").strip()
        if name not in MARKERS:
            raise PluginError(f"{page.file.src_uri}: unknown marker <!-- kb:{name} --> "
                              f"(known: {', '.join(MARKERS)})")
        try:
            return MARKERS[name](source, args, page, config, files)
        except (KeyError, TypeError) as exc:
            raise PluginError(f"{page.file.src_uri}: <!-- kb:{name} {args} -->: {exc}") from None

    return MARKER_RE.sub(replace, markdown)


def _nav_files(nav) -> list[str]:
    """Page files in the order mkdocs.yml's nav lists them."""
    out = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out += _nav_files(value) if isinstance(value, list) else [value]
    return out


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
