"""pytest set-up.

* The snippet runner is kb/engine/snippets.py (the model), kb/engine/scheduler.py (the scheduler) and
  kb/engine/plugin.py, the pytest plugin (``-p kb.engine.plugin`` in pyproject's addopts) that adds
  --update-goldens, --fresh and --runtime.
* pytest-markdown-docs (enabled by --markdown-docs in pyproject's addopts) collects the
  Python blocks of README.md and docs/. Before it parses a file, its output references are
  expanded by kb.site.includes and its ``--8<--`` includes by pymdownx.snippets itself,
  configured from mkdocs.yml: the blocks it collects are the blocks a reader sees.
* Each such block is checked by ``SnippetFenceRunner``: a shown block is its snippet's whole
  body, so it reuses that snippet's run on its runtime (one scheduler, one run per pair) and
  is checked against the same expectation and golden.
"""
from __future__ import annotations

import fcntl
import os
import re
from pathlib import Path

import subprocess
import sys

import markdown
import pytest
import yaml
from markdown_it import MarkdownIt
from pytest_markdown_docs._runners import _Runner, register_runner

from kb.engine import goldens, plugin, runtimes, scheduler, snippets
from kb.site import includes

FENCE_SNIPPETS: dict[str, Path] = {}  # expanded block text -> the file it was included from


def _snippets_config() -> dict:
    class Loader(yaml.SafeLoader):  # mkdocs.yml may carry !!python/name tags; ignore them
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    conf = yaml.load((snippets.ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    for ext in conf["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            return ext["pymdownx.snippets"]
    raise RuntimeError("mkdocs.yml does not configure pymdownx.snippets")


def expand_includes(text: str) -> str:
    """Expand ``--8<--`` includes exactly as the site build does (same extension, same config)."""
    cwd = os.getcwd()
    os.chdir(snippets.ROOT)  # base_path "." is the project root, as for `mkdocs build`
    try:
        md = markdown.Markdown(extensions=["pymdownx.snippets"],
                               extension_configs={"pymdownx.snippets": _snippets_config()})
        expand = md.preprocessors["snippet"].run
        text = includes.expand(text)
        for line in text.splitlines():  # remember which snippet each python block came from
            m = includes.LINE_RE.match(line)
            if m and m["path"].startswith("snippets/") and m["path"].endswith(".py"):
                body = expand([line.strip()])
                FENCE_SNIPPETS["\n".join(body).strip("\n")] = snippets.ROOT / m["path"]
        return "\n".join(expand(text.splitlines()))
    finally:
        os.chdir(cwd)


_TAB_RE = re.compile(r'^=== +"[^"]*"\s*$')


def dedent_tabs(text: str) -> str:
    """Content tabs (pymdownx.tabbed) hold their blocks indented by four spaces; take the
    indentation away, as pymdownx.tabbed does, so CommonMark sees fences, not indented code."""
    out, in_tab = [], False
    for line in text.splitlines():
        if _TAB_RE.match(line):
            in_tab = True
        elif in_tab and line.strip() and not line.startswith("    "):
            in_tab = False
        out.append(line[4:] if in_tab and line.startswith("    ") else line)
    return "\n".join(out)


class ExpandingMarkdownIt(MarkdownIt):
    def parse(self, src, env=None):
        return super().parse(dedent_tabs(expand_includes(src)), env)


def pytest_markdown_docs_markdown_it():
    return ExpandingMarkdownIt(config="commonmark")


def fence_runtime(snippet: snippets.Snippet) -> str:
    """The runtime a shown block is checked on: the default one if the snippet applies to it,
    else the newest release its first selector names (a Keras 2 or TensorFlow.js example)."""
    if runtimes.DEFAULT in snippet.runtimes:
        return runtimes.DEFAULT
    return runtimes.newest(snippet.selectors[0]).name


def fence_pair(text: str):
    """(runtime, Snippet) whose run a shown block reuses, or None for a block that is not a
    snippet's (an imported module, or typed code)."""
    src = FENCE_SNIPPETS.get(text.strip("\n"))
    if src is None or not snippets.NAME_RE.match(src.name):
        return None
    snippet = snippets.parse(src)
    return fence_runtime(snippet), snippet


def pytest_collection_modifyitems(items):
    for item in items:  # the scheduler runs each shown block's pair once (kb.engine.plugin)
        if hasattr(item, "code") and fence_pair(item.code):
            item.kb_pair = fence_pair(item.code)


@register_runner(default=True)
class SnippetFenceRunner(_Runner):
    """A shown block is its snippet's whole body (a policy test checks every snippet), so
    the block is checked by the same run as the snippet: never executed twice."""

    def runtest(self, test, args, **_):
        text = test.source.strip("\n")
        src = FENCE_SNIPPETS.get(text)
        if src is None:
            raise AssertionError(f"{test.source_path}:{test.start_line}: a Python block that does "
                                 f"not come from snippets/ (include it with --8<--)")
        if not snippets.NAME_RE.match(src.name):  # an imported module shown on the page:
            compile(text, str(src), "exec")  # run by the snippets that import it
            return
        runtime, snippet = fence_pair(text)
        assert text == snippet.code(), f"the block shown is not the whole body of {snippet.rel}"
        res = plugin.result(self_config(), runtime, snippet)
        problems = scheduler.expectation_errors(res)
        assert not problems, "\n".join(problems) + "\n--- output ---\n" + res.output
        diff = goldens.diff(res)
        assert diff is None, f"the block shown on the page: {diff}"

    def repr_failure(self, test, excinfo, style=None):
        return f"{test.source_path}:{test.start_line}: {excinfo.value}"


_config: list = []


def pytest_configure(config):
    _config.append(config)


def self_config():
    return _config[-1]


@pytest.fixture(scope="session")
def site(tmp_path_factory, pytestconfig):
    """The site, built once per test run with `mkdocs build --strict`: under xdist, by the
    first worker that needs it, in the workers' shared temporary directory."""
    if not plugin.on_worker(pytestconfig):
        return _build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits for this one's build
        if not (shared / "site.built").exists():
            _build_site(shared / "site")
            (shared / "site.built").touch()
    return shared / "site"


def _build_site(out: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=snippets.ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert not re.search(r"^(WARNING|ERROR)", proc.stderr, re.M), proc.stderr
    return out
