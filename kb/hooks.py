"""MkDocs hooks: generated parts of pages (never typed by hand).

A page asks for a generated block with an HTML comment on a line of its own:
``<!-- kb:messages -->`` becomes the table of every exact message the snippets
produced, each linked to the page and heading that answers it;
A golden's output block becomes content tabs, one per runtime (kb/pages.py).
``<!-- kb:matrix -->`` becomes the behaviour matrix (scenario x runtime).
``<!-- kb:verified -->`` becomes a note naming the runtimes that produced the outputs
the page includes (all runtimes with goldens, on a page that includes none).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb import messages, pages, runtimes  # noqa: E402

_cache: dict = {}


def on_pre_build(config):
    _cache.clear()


def on_files(files, config):
    """Publish every snippet and golden as plain text, for the matrix page to link to."""
    from mkdocs.structure.files import File

    for path in sorted(messages.runner.SNIPPETS.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".js", ".out"):
            f = File(path.relative_to(messages.runner.ROOT).as_posix(),
                     str(messages.runner.ROOT), config["site_dir"], False)
            f.dest_uri = pages.published_name(path)
            files.append(f)
    return files


def on_page_markdown(markdown, page, config, files):
    markdown = pages.expand_outputs(markdown)  # one output tab per runtime
    if "<!-- kb:messages -->" in markdown:
        if "messages" not in _cache:
            _cache["messages"] = messages.collect(Path(config["docs_dir"]))
        order = [f.src_uri for f in files.documentation_pages()]
        nav = config["nav"] or []
        order = _nav_files(nav) + [p for p in order if p not in _nav_files(nav)]
        markdown = markdown.replace(
            "<!-- kb:messages -->", messages.table(_cache["messages"], page.file.src_uri, order)
        )
    if "<!-- kb:messages-by-runtime -->" in markdown:
        if "messages" not in _cache:
            _cache["messages"] = messages.collect(Path(config["docs_dir"]))
        nav = _nav_files(config["nav"] or [])
        markdown = markdown.replace("<!-- kb:messages-by-runtime -->", messages.by_runtime(
            _cache["messages"], page.file.src_uri, nav))
    if "<!-- kb:matrix -->" in markdown:
        where = messages.included_goldens(Path(config["docs_dir"]))
        markdown = markdown.replace("<!-- kb:matrix -->", pages.matrix(
            page.file.src_uri, where, _nav_files(config["nav"] or [])))
    if "<!-- kb:verified -->" in markdown:
        markdown = markdown.replace("<!-- kb:verified -->", verified_note(markdown))
    return markdown


def _nav_files(nav) -> list[str]:
    """Page files in the order mkdocs.yml's nav lists them."""
    out = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out += _nav_files(value) if isinstance(value, list) else [value]
    return out


def verified_note(markdown: str) -> str:
    goldens = [p for p in messages.INCLUDE_RE.findall(markdown) if p.endswith(".out")]
    if not goldens:
        goldens = [p.name for p in messages.runner.SNIPPETS.rglob("*.out")]
    names = sorted({messages.runner.golden_runtime(p) for p in goldens} - {None},
                   key=list(runtimes.RUNTIMES).index)
    which = ", ".join(f"{runtimes.get(n).label} (runtime `{n}`)" for n in names)
    return (
        '!!! success "Verified by running it"\n'
        f"    Every output on this page was produced by the site's test suite on: {which}.\n"
    )
