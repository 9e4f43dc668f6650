"""MkDocs hooks: the build's events. A page's includes and ``<!-- kb:... -->`` markers are
expanded by kb/site/markers.py (an unknown marker fails the build); the HTML is finished by
kb/site/pages.py; at the end the build writes the change feed, and messages.json, its schema
and llms.txt (kb/site/messages/render.py) at the site's root.

Notebook pages (kb/site/notebook.py): each jupytext source is executed and checked before
mkdocs-jupyter sees it (a cell that changes behaviour fails the build), rendered by
mkdocs-jupyter, given a "Download notebook" link to the executed .ipynb, and stripped of
its inline stylesheets, which all notebook pages share as one file instead.
KB_NOTEBOOK_EXECUTE=0 renders the notebooks without running them (a quick preview).
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kb.engine import snippets  # noqa: E402
from kb.site import doctor_web, includes, markers, notebook  # noqa: E402
from kb.site.html import answer_lines, answers, earlier_names, lazy_tables, published_name  # noqa: E402
from kb.site.messages import exact, render  # noqa: E402
from kb.site.tables import changes, preview, versions  # noqa: E402

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
    markers.clear()
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
            f.dest_uri = published_name(path)
            files.append(f)
            for name in earlier_names(path):  # a renamed topic's published links keep working
                files.append(File.generated(config, name, abs_src_path=str(path)))
    # the browser doctor's parsers (npm, pinned) and the doctor's spec (kb/site/doctor_web.py)
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
# "weights", "keras"), so at full weight they outranked the page that holds the message. The
# pages after loading (export, convert, serve, share) are the same kind of neighbour.
SEARCH_WEIGHT = {"Other loading failures": 0.5, "After loading: export, convert, serve, share": 0.5}


def search_weight(page) -> float | None:
    return SEARCH_WEIGHT.get(page.parent.title) if page.parent else None


def on_page_content(html, page, config, files):
    html = lazy_tables(answer_lines(html))
    faq = answers(html)
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


def on_page_markdown(markdown, page, config, files):
    try:
        return markers.expand(markdown, page, config, files)
    except (markers.MarkerError, includes.IncludeError, snippets.SnippetError) as exc:
        raise PluginError(str(exc)) from None


def on_post_build(config):
    feed = Path(config["site_dir"]) / changes.FEED  # the Atom feed of docs/changes.md
    feed.write_text(changes.atom(exact.included_goldens(Path(config["docs_dir"])),
                                 config["site_url"], markers.releases(),
                                 upcoming=preview.feed_entry(config["site_url"] or "")), encoding="utf-8")
    # the message catalogue for programs and the matcher (kb/site/messages/catalogue.py), at the site's root
    site = Path(config["site_dir"])
    render.write_files(markers.catalogue_of(config), site, Path(config["docs_dir"]), config.get("site_url") or "")
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


