"""pytest set-up.

* The snippet runner is one module, kb/runner.py; it is also the pytest plugin (loaded
  by ``-p kb.runner`` in pyproject's addopts) that adds --update-goldens, --fresh and
  --runtime.
* pytest-markdown-docs (enabled by --markdown-docs in pyproject's addopts) collects the
  Python blocks of README.md and docs/. Before it parses a file, its ``--8<--`` includes
  are expanded by pymdownx.snippets itself, configured from mkdocs.yml: the blocks it
  collects are the blocks a reader sees on the site.
* Each such block is run by ``SnippetFenceRunner``: the block's text (not the whole
  snippet file) becomes a snippet with the original's header, in a mirror of its topic,
  and runs like any snippet: own process, own temporary directory, expected outcome, and
  the original golden. So what the page shows, copied alone, prints what the page says.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import subprocess
import sys

import markdown
import pytest
import yaml
from markdown_it import MarkdownIt
from pytest_markdown_docs._runners import _Runner, register_runner

from kb import runner, runtimes

FENCE_SNIPPETS: dict[str, Path] = {}  # expanded block text -> the file it was included from
_SECTION_RE = re.compile(r'^(\s*)--8<--\s+"([^"]+)"\s*$')


def _snippets_config() -> dict:
    class Loader(yaml.SafeLoader):  # mkdocs.yml may carry !!python/name tags; ignore them
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    conf = yaml.load((runner.ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    for ext in conf["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            return ext["pymdownx.snippets"]
    raise RuntimeError("mkdocs.yml does not configure pymdownx.snippets")


def expand_includes(text: str) -> str:
    """Expand ``--8<--`` includes exactly as the site build does (same extension, same config)."""
    cwd = os.getcwd()
    os.chdir(runner.ROOT)  # base_path "." is the project root, as for `mkdocs build`
    try:
        md = markdown.Markdown(extensions=["pymdownx.snippets"],
                               extension_configs={"pymdownx.snippets": _snippets_config()})
        expand = md.preprocessors["snippet"].run
        for line in text.splitlines():  # remember which snippet each python block came from
            m = _SECTION_RE.match(line)
            if m and m.group(2).startswith("snippets/") and ".py" in m.group(2):
                body = expand([line.strip()])
                FENCE_SNIPPETS["\n".join(body).strip("\n")] = runner.ROOT / m.group(2).split(":")[0]
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


_fence_results: dict = {}


def fence_runtime(snippet: runner.Snippet) -> str:
    """The runtime a shown block is run on: the default one if the snippet applies to it,
    else the first runtime it names (a Keras 2 or TensorFlow.js example)."""
    return runtimes.DEFAULT if runtimes.DEFAULT in snippet.runtimes else snippet.runtimes[0]


def fence_results(runtime: str) -> dict:
    """Run the collected snippet blocks of one runtime (their shown text only), once, in
    parallel. The mirror holds a copy of each topic (helper modules, .js files, earlier
    steps) with every shown snippet replaced by the text the page shows."""
    if not _fence_results:
        tmp_root = runner.session_workdir("fences")
        mirror = tmp_root / "snippets"
        for src in {src.parent for src in FENCE_SNIPPETS.values()}:
            shutil.copytree(src, mirror / src.name, dirs_exist_ok=True)
        for text, src in FENCE_SNIPPETS.items():
            if runner.NAME_RE.match(src.name):
                header = runner.HEADER_RE.search(src.read_text()).group(0)
                (mirror / src.parent.name / src.name).write_text(header + "\n" + text + "\n")
        _fence_results["mirror"] = mirror
    if runtime not in _fence_results:
        mirror = _fence_results["mirror"]
        wanted = {(mirror / s.parent.name, s.name) for s in FENCE_SNIPPETS.values()
                  if runner.NAME_RE.match(s.name) and fence_runtime(runner.parse(s)) == runtime}
        _fence_results[runtime] = runner.run_all(
            runner.closure(wanted), runtime, workdir=runner.session_workdir(f"fences-{runtime}"))
    return _fence_results[runtime]


@register_runner(default=True)
class SnippetFenceRunner(_Runner):
    def runtest(self, test, args, **_):
        text = test.source.strip("\n")
        src = FENCE_SNIPPETS.get(text)
        if src is None:
            raise AssertionError(f"{test.source_path}:{test.start_line}: a Python block that does "
                                 f"not come from snippets/ (include it with --8<--)")
        if not runner.NAME_RE.match(src.name):  # an imported module shown on the page:
            compile(text, str(src), "exec")  # run by the snippets that import it (mirror)
            return
        snippet = runner.parse(src)
        runtime = fence_runtime(snippet)
        res = fence_results(runtime)[snippet.key]
        problems = runner.expectation_errors(res)
        assert not problems, "\n".join(problems) + "\n--- output ---\n" + res.output
        diff = runner.golden_diff(res, snippet.golden(runtime))
        assert diff is None, f"the block shown on the page, run alone: {diff}"

    def repr_failure(self, test, excinfo, style=None):
        return f"{test.source_path}:{test.start_line}: {excinfo.value}"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site, built once per session with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=runner.ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert not re.search(r"^(WARNING|ERROR)", proc.stderr, re.M), proc.stderr
    return out
