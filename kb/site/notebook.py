"""The executed notebook walkthrough: run it, check it, make its page light.

A notebook's source is a jupytext percent-format ``.py`` file under ``snippets/`` (text
to review, no committed outputs). The site build (kb/site/hooks.py) and the tests
(tests/test_notebook.py) both use ``execute``: the notebook runs top to bottom in a
kernel of the interpreter running this code (the project .venv), with nbclient's
``allow_errors`` off. A cell tagged ``raises-exception`` must name the exception it
raises in its metadata (``# %% tags=["raises-exception"] raises="ValueError"``) and raise
exactly that; any other cell that raises stops the run. Either way ``NotebookFailed``
names the cell, and the build or the test fails.

Failed cells show the exception's last line, as every output on the site does (the full
traceback names files of the machine that ran it).

``share_styles`` takes the stylesheets mkdocs-jupyter inlines into a page (about 600 KB
of JupyterLab CSS) out of it, and drops the MathJax and Mermaid loaders that would fetch
from a CDN; ``purge`` keeps the rules that can match the notebook pages (about 140 KB),
written once as a stylesheet the pages share.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from kb.engine import output, snippets
from kb.site.html import published_name

# page (src_uri in the site) -> its jupytext source
NOTEBOOKS = {"walkthrough.ipynb": snippets.SNIPPETS / "walkthrough" / "walkthrough.py"}
KERNEL = "python3"  # the notebooks' kernelspec name; the kernel run is always this venv's
TIMEOUT = 300  # seconds per cell
ENV = {"TF_CPP_MIN_LOG_LEVEL": "3"}  # fewer TensorFlow C++ log lines in the outputs


class NotebookFailed(Exception):
    """A cell did not do what the notebook says it does."""


def read(source: Path):
    import jupytext

    nb = jupytext.read(source)
    nb.metadata.pop("jupytext", None)
    for cell in nb.cells:  # jupytext's layout hints, not the notebook's
        cell.metadata.pop("lines_to_next_cell", None)
    return nb


def _kernel_manager():
    """A kernel of this interpreter (ipykernel in the project .venv), whatever kernelspecs
    named python3 the machine's Jupyter paths hold."""
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    class ThisInterpreter(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f",
                                    "{connection_file}"],
                              display_name="Python 3 (ipykernel)", language="python")

    return KernelManager(kernel_name=KERNEL, kernel_spec_manager=ThisInterpreter())


def execute(source: Path):
    """The notebook of ``source``, executed and checked (NotebookFailed if it misbehaves)."""
    import nbclient
    from nbclient.exceptions import CellExecutionError

    nb = read(source)
    rel = snippets.relpath(Path(source))
    with tempfile.TemporaryDirectory(prefix="kb-notebook-") as cwd:
        client = nbclient.NotebookClient(
            nb, km=_kernel_manager(), timeout=TIMEOUT, allow_errors=False, record_timing=False,
            resources={"metadata": {"path": cwd}})
        try:  # the kernel's own stdout/stderr (not the cells') would go into the build log
            client.execute(env=dict(os.environ, **ENV), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        except CellExecutionError as exc:
            cell = _failed_cell(nb)
            raise NotebookFailed(f"{rel}: cell {cell} raised, and is not tagged raises-exception:\n"
                                 f"{exc.ename}: {exc.evalue}") from None
        left = sorted(os.listdir(cwd))
        normalize(nb, cwd)
    problems = check(nb)
    if left:
        problems.append(f"the notebook left files in its working directory: {left}")
    if problems:
        raise NotebookFailed(f"{rel}:\n  " + "\n  ".join(problems))
    return shorten_tracebacks(nb)


def _failed_cell(nb) -> int | str:
    for i, cell in enumerate(nb.cells):
        if any(o.output_type == "error" for o in cell.get("outputs", [])):
            if "raises-exception" not in cell.metadata.get("tags", []):
                return i
    return "?"


def check(nb) -> list[str]:
    """What is wrong with an executed notebook: a tagged cell that did not raise (or raised
    something else), an untagged cell that raised."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        expected = cell.metadata.get("raises")
        first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
        where = f"cell {i} ({first!r})"
        if "raises-exception" in cell.metadata.get("tags", []):
            if not expected:
                problems.append(f"{where}: tagged raises-exception but names no exception "
                                f"(raises=\"...\" in its metadata)")
            elif not errors:
                problems.append(f"{where}: should raise {expected} and did not")
            elif errors[0].ename != expected:
                problems.append(f"{where}: should raise {expected}, raised "
                                f"{errors[0].ename}: {errors[0].evalue}")
        elif errors:
            problems.append(f"{where}: raised {errors[0].ename}: {errors[0].evalue}")
        elif expected:
            problems.append(f"{where}: names raises={expected!r} but is not tagged raises-exception")
    return problems


def normalize(nb, cwd: str):
    """Outputs normalized as the snippets' are (kb.engine.output.normalize: no temporary paths, no
    TensorFlow log lines)."""
    for cell in nb.cells:
        outputs = []
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                out.text = output.normalize(out.text, [cwd])
                if not out.text:
                    continue
            elif out.output_type == "error":
                out.evalue = output.normalize(out.evalue, [cwd]).rstrip("\n")
            outputs.append(out)
        if cell.cell_type == "code":
            cell.outputs = outputs


def shorten_tracebacks(nb):
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                out.traceback = [f"{out.ename}: {out.evalue}"]
    return nb


def write_ipynb(nb, path: Path) -> Path:
    import nbformat

    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


# --------------------------------------------------------------------------- the page


def download_uri(uri: str) -> str:
    """Where the executed notebook of page ``uri`` is published: next to the page."""
    return f"{Path(uri).stem}/{uri}"


def add_links(html: str, uri: str, page_url: str) -> str:
    """A "Download notebook" button and a link to the source text, under the title."""
    from mkdocs.utils import get_relative_url

    source = published_name(NOTEBOOKS[uri])
    links = (f'<p class="kb-notebook-links">'
             f'<a class="md-button md-button--primary" href="{get_relative_url(download_uri(uri), page_url)}" '
             f'download>Download notebook</a> '
             f'<a class="md-button" href="{get_relative_url(source, page_url)}">'
             f'Source (jupytext <code>.py</code>)</a></p>')
    head, sep, rest = html.partition("</h1>")
    if not sep:
        raise ValueError(f"{uri}: the notebook has no level-1 title")
    return head + sep + links + rest


_STYLE_RE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_CDN_BLOCKS = [
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S),
    re.compile(r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", '
               r'async \(\) => \{\s*const diagrams = .*?<!-- End of mermaid configuration -->',
               re.S),
]


def share_styles(html: str) -> tuple[str, str]:
    """(the page content without inline styles and CDN loaders, the CSS taken out)."""
    for block in _CDN_BLOCKS:
        html = block.sub("", html)
    css = "\n".join(m.group(1).strip() for m in _STYLE_RE.finditer(html))
    return _STYLE_RE.sub("", html), css


_UNSEARCHED = re.compile(r'<(pre|span(?= class="(?:notice|cell-tag)")|div(?=[^>]* class="(?:jp-InputPrompt|'
                         r'jp-OutputPrompt|clipboard-copy-txt)[ "]))(?=[ >])')


def exclude_from_search(html: str) -> str:
    """Code and outputs (and prompts, and the hidden copy of each cell's code the copy
    button reads) stay out of the search index, the prose stays in: a pasted error
    message should find the page that explains it, not this one that prints it on the
    way. Material's search skips an element marked data-search-exclude, but only up to
    the first closing tag of the same name inside it, so the innermost elements are
    marked."""
    return _UNSEARCHED.sub(r"<\1 data-search-exclude", html)


def used_classes(html: str) -> set[str]:
    return {c for value in re.findall(r'class="([^"]*)"', html) for c in value.split()}


def _blocks(css: str):
    """Top-level (prelude, body) pairs of a stylesheet; body None for a statement (@charset)."""
    i, n = 0, len(css)
    while i < n:
        j, depth, quote = i, 0, None
        start_body = None
        while j < n:
            ch = css[j]
            if quote:
                if ch == "\\":
                    j += 1
                elif ch == quote:
                    quote = None
            elif css.startswith("/*", j):
                j = css.find("*/", j + 2) + 1 or n
            elif ch in "\"'":
                quote = ch
            elif ch == ";" and depth == 0:
                yield css[i:j].strip(), None
                break
            elif ch == "{":
                if depth == 0:
                    start_body = j
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    yield css[i:start_body].strip(), css[start_body + 1:j]
                    break
            j += 1
        i = j + 1


def _split_selectors(prelude: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in prelude:
        depth += (ch in "([") - (ch in ")]")
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def _needed_classes(selector: str) -> set[str]:
    selector = re.sub(r"\[[^\]]*\]", "", selector)  # attribute values may hold dots
    selector = re.sub(r":(?:not|where|is|has)\((?:[^()]|\([^()]*\))*\)", "", selector)
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", selector))


def purge(css: str, classes: set[str]) -> str:
    """The rules of ``css`` that can match an element with the given classes: a selector
    is kept when every class it needs (outside :not() and the like) is used. At-rules
    other than @media and @supports (keyframes, font faces) are kept whole."""
    out = []
    for prelude, body in _blocks(css):
        prelude = re.sub(r"/\*.*?\*/", "", prelude, flags=re.S).strip()
        if body is None:
            continue  # @charset (the file is UTF-8 anyway), @import (nothing from outside)
        if prelude.startswith(("@media", "@supports")):
            inner = purge(body, classes)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s.strip() for s in _split_selectors(prelude) if _needed_classes(s) <= classes]
            if kept:
                out.append(f"{','.join(kept)}{{{body.strip()}}}")
    return "\n".join(out)


def stylesheet_name(css: str) -> str:
    return f"assets/stylesheets/notebook.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"


if __name__ == "__main__":  # python -m kb.site.notebook: run and check every notebook
    for src in NOTEBOOKS.values():
        execute(src)
        print(f"ok {snippets.relpath(src)}")
