"""Tidy checks: the rules that keep every example on the site real and every link stable."""
import re
import subprocess
from pathlib import Path
from collections import defaultdict

import pytest

from kb.site import config, includes, notebook
from kb.site.messages import exact
from kb.engine import goldens, results, runtimes, snippets

DOCS = snippets.ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
SNIPPETS = snippets.discover()
FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")


def fences(text):
    """(info string, content lines, line number) of every fenced block in a Markdown text."""
    out, open_fence = [], None
    for no, line in enumerate(text.splitlines(), 1):
        m = FENCE_RE.match(line)
        if open_fence is None and m:
            open_fence, info, body, start = m.group(2), m.group(3).strip(), [], no
        elif open_fence is not None and m and m.group(2).startswith(open_fence) and not m.group(3).strip():
            out.append((info, body, start))
            open_fence = None
        elif open_fence is not None:
            body.append(line.strip())
    assert open_fence is None, "unclosed code fence"
    return out


def all_includes():
    found = defaultdict(list)
    for page in PAGES:
        for path, section in includes.includes(includes.expanded_page(page)):
            found[f"{path}:{section}" if section else path].append(page.name)
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_code_block_is_an_include_from_snippets(page):
    for info, body, line in fences(page.read_text()):
        lines = [b for b in body if b]
        found = includes.includes(lines[0]) if len(lines) == 1 else []
        is_include = bool(found) and found[0][0].startswith("snippets/")
        assert is_include or "notest" in info.split(), (
            f"{page.name}:{line}: a code block typed in the page; include it from snippets/ "
            f"with --8<-- (or mark a block that is not code to run with `notest`)")



def notebook_sources_shown():
    """A notebook's source (kb/site/notebook.py) is not included by a page: it is the page, run
    and rendered whole by the build, so it is shown when its page is in the nav."""
    nav = set(config.nav_pages())
    return {src.relative_to(snippets.ROOT).as_posix()
            for page, src in notebook.NOTEBOOKS.items() if page in nav}


def test_every_snippet_and_module_is_shown_by_a_page():
    shown = {p.split(":")[0] for p in all_includes()} | notebook_sources_shown()
    files = sorted(p.relative_to(snippets.ROOT).as_posix() for ext in ("py", "js")
                   for p in snippets.SNIPPETS.rglob(f"*.{ext}"))
    assert files, "no snippets found"
    missing = [f for f in files if f not in shown]
    assert not missing, f"snippets not included by any page: {missing}"


def test_notebook_sources_are_jupytext_text_outside_the_snippet_runner():
    """A notebook is one story run in one kernel, not a snippet: no NNN_ name (the runner
    skips it), no golden; its checks are its cells' tags (tests/test_notebook.py)."""
    assert notebook.NOTEBOOKS
    for page, src in notebook.NOTEBOOKS.items():
        assert page.endswith(".ipynb") and src.suffix == ".py" and src.exists(), src
        assert not snippets.NAME_RE.match(src.name) and not list(src.parent.glob("*.out")), src
        nb = notebook.read(src)
        assert nb.metadata.kernelspec.name == notebook.KERNEL, src
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), src
        for i, cell in enumerate(nb.cells):
            tagged = "raises-exception" in cell.metadata.get("tags", [])
            assert tagged == bool(cell.metadata.get("raises")), (
                f"{src.name} cell {i}: a raises-exception tag and raises=\"<Exception>\" go together")


def test_every_golden_belongs_to_a_snippet_runtime_and_is_shown():
    expected = {goldens.lookup(s, rt) for s in SNIPPETS for rt in s.runtimes}
    on_disk = set(snippets.SNIPPETS.rglob("*.out"))
    assert not on_disk - expected, f"goldens with no snippet/runtime: {sorted(on_disk - expected)}"
    assert not [g for g in expected if not g.exists()], "missing goldens"
    shown = set(all_includes())
    # a preview's own goldens are what "Coming in the next Keras" generates (kb/site/tables/preview.py)
    from kb.site.tables import preview

    assert any("<!-- kb:next -->" in p.read_text() for p in DOCS.rglob("*.md"))
    shown |= {results.load(d.preview.name)["snippets"][d.snippet.rel]["golden"] for d in preview.differences()}
    not_shown = [g.relative_to(snippets.ROOT).as_posix() for g in sorted(expected)
                 if g.relative_to(snippets.ROOT).as_posix() not in shown]
    assert not not_shown, f"goldens not shown on any page: {not_shown}"


def test_goldens_are_the_fewest_that_hold_the_outputs():
    """No golden repeats the one its runtimes would fall back to (--update-goldens prunes)."""
    extra = []
    for s in SNIPPETS:
        files = goldens.files(s)
        outputs = {rt: goldens.lookup(s, rt, files).read_text() for rt in s.runtimes
                   if goldens.lookup(s, rt, files).exists()}
        plan = goldens.plan(s, outputs)
        extra += [f"{s.rel}: {sorted(files)} but {sorted(plan)}" for _ in [0] if set(plan) != set(files)]
    assert not extra, "goldens to prune or add (`pytest --update-goldens`): " + "; ".join(extra)


def test_every_snippet_shows_one_code_section_and_hides_only_its_header():
    for s in SNIPPETS:
        text = s.path.read_text()
        assert text.count("# --8<-- [start:code]") == 1 == text.count("# --8<-- [end:code]"), s.rel
        outside = snippets.HEADER_RE.sub("", text.split("# --8<-- [start:code]")[0])
        outside += text.split("# --8<-- [end:code]")[1]
        assert not outside.strip(), f"{s.rel}: code outside the shown section: {outside.strip()!r}"


def test_every_failing_example_has_a_fix_in_its_topic():
    kinds = defaultdict(set)
    for s in SNIPPETS:
        kinds[s.path.parent.name].add(s.kind)
    lonely = [topic for topic, k in kinds.items() if "fail" in k and "fix" not in k]
    assert not lonely, f"topics with a failing example and no fix: {lonely}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_headings_have_explicit_unique_ids_and_pages_have_titles(page):
    text = page.read_text()
    assert re.match(r"---\n(.*\n)*?title: .+\n(.*\n)*?---\n", text), f"{page.name}: no front-matter title"
    ids = []
    in_fence = False
    body = text.split("\n---\n", 1)[1]  # after the front matter (YAML may hold comments)
    for line in body.splitlines():
        if FENCE_RE.match(line):
            in_fence = not in_fence
        if in_fence or not re.match(r"#{1,6} ", line):
            continue
        m = exact.HEADING_RE.match(line)
        assert m, f"{page.name}: heading without an explicit id: {line!r}"
        ids.append(m.group(3))
    assert ids and len(ids) == len(set(ids)), f"{page.name}: duplicate heading ids {ids}"


def test_the_fence_checker_catches_typed_code(tmp_path):
    text = '```python\n--8<-- "snippets/x.py:code"\n```\n\n```python\nprint(1)\n```\n'
    (include, typed) = fences(text)
    assert include[1] == ['--8<-- "snippets/x.py:code"'] and typed[1] == ["print(1)"]


def test_the_article_verdicts_agree_with_the_goldens():
    """The verdict table of docs/original-article.md is prose about runs: which runtimes
    fail the article's Example 1 and 3. When a golden changes, this fails until the prose
    is checked again (then update both)."""
    def caught(stem):  # runtimes where the article's own `except ValueError` printed
        s = snippets.parse(snippets.SNIPPETS / "original-article" / f"{stem}.py")
        return {rt for rt in s.runtimes if rt in runtimes.RELEASES  # prose about releases
                and "Error loading model:" in goldens.lookup(s, rt).read_text(encoding="utf-8")}

    def raised(stem):
        s = snippets.parse(snippets.SNIPPETS / "original-article" / f"{stem}.py")
        return {rt: s.expect(rt)[1] for rt in s.runtimes
                if rt in runtimes.RELEASES and s.expect(rt)[0] == "raises"}

    page = (DOCS / "original-article.md").read_text(encoding="utf-8")
    # "Keras 3.15 fails with a ValueError ... Keras 3.10, tf-keras 2.21 and Keras 2.15 load it"
    assert caught("010_check_example1_as_published") == {"keras3-3.15.1"}
    assert raised("010_check_example1_as_published") == {}
    assert "Keras 3.10, tf-keras 2.21 and Keras 2.15 load the file without any error" in page
    # "Keras 3.15: caught ValueError. Keras 3.10: an uncaught NotImplementedError ..."
    assert caught("040_check_example3_as_published") == {"keras3-3.15.1"}
    assert raised("040_check_example3_as_published") == {"keras3-3.10.0": "NotImplementedError"}
    assert "Keras 3.10: an uncaught `NotImplementedError`" in page
    # "Example 2 ... raises NameError"
    assert raised("020_fail_example2_as_published") == {
        rt: "NameError" for rt in snippets.parse(
            snippets.SNIPPETS / "original-article" / "020_fail_example2_as_published.py").runtimes
        if rt in runtimes.RELEASES}


def answer_box(text):
    """The lines of the `!!! tip "Answer"` box that follows a page's H1, or None."""
    lines = text.split("\n")
    h1 = next(i for i, ln in enumerate(lines) if ln.startswith("# "))
    rest = [ln for ln in lines[h1 + 1:]]
    while rest and not rest[0].strip():
        rest.pop(0)
    if not rest or rest[0] != '!!! tip "Answer"':
        return None
    box = []
    for ln in rest[1:]:
        if ln.strip() and not ln.startswith("    "):
            break
        box.append(ln[4:])
    return box


ERROR_PAGES = sorted({m.page for m in exact.collect()})


@pytest.mark.parametrize("page", ERROR_PAGES)
def test_an_error_page_opens_with_the_answer_box(page):
    """docs convention: the case in one sentence, the fix in at most three lines, versions
    from markers (never typed), then the verified note."""
    text = (DOCS / page).read_text(encoding="utf-8")
    box = answer_box(text)
    assert box is not None, f'{page}: the H1 is not followed by !!! tip "Answer"'
    lines = [ln for ln in box if ln.strip()]
    starts = [i for i, ln in enumerate(lines) if ln.startswith(("**Case:**", "**Fix:**"))]
    assert [lines[i].split("**")[1] for i in starts] == ["Case:", "Fix:"] and starts[0] == 0, page
    case, fix = lines[:starts[1]], lines[starts[1]:]
    assert " ".join(case).rstrip().endswith("."), f"{page}: the case is one sentence"
    assert len(fix) <= 3, f"{page}: the fix takes {len(fix)} lines"
    assert "<!-- kb:" in " ".join(case), f"{page}: the case names its versions with a marker"
    after = text.split("\n".join("    " + ln if ln else ln for ln in box).rstrip(), 1)[1]
    assert after.lstrip().startswith("<!-- kb:verified -->"), page


def test_the_answer_box_rule_sees_a_page_without_one():
    assert answer_box("# T {#t}\n\nIntro.\n\n<!-- kb:verified -->\n") is None
    assert answer_box('# T {#t}\n\n!!! tip "Answer"\n    **Case:** a.\n\n    **Fix:** b.\n\nMore.\n') == \
        ["**Case:** a.", "", "**Fix:** b.", ""]


def test_the_verified_note_is_one_line_with_the_runtimes_behind_a_toggle():
    from kb.site import markers
    from kb.engine import results

    note = markers.verified_note("")
    head, *body = note.splitlines()
    assert head.startswith("??? success kb-verified ") and f"on {len(results.load_all())} runtimes" in head
    assert all(ln.startswith("    ") or not ln for ln in body)
    assert all(f"(`{rt}`)" in note for rt in results.load_all())


def readme_layout(text: str) -> list[str]:
    """The paths the README's Layout block lists: a line's first word, under the folder of
    the nearest line above it that is indented less (a continuation line starts with spaces
    only, and lists nothing)."""
    block = text.split("## Layout", 1)[1].split("```text notest\n", 1)[1].split("```", 1)[0]
    out, stack = [], []
    for line in block.splitlines():
        word = line.split()[0] if line.strip() else ""
        indent = len(line) - len(line.lstrip())
        if not word or indent >= 20:  # a description's continuation
            continue
        stack = [(i, p) for i, p in stack if i < indent]
        path = (stack[-1][1] if stack else "") + word.split("<")[0]
        out.append(path)
        if word.endswith("/"):
            stack.append((indent, path))
    return out


def test_the_readme_layout_lists_every_module_and_folder():
    listed = readme_layout((snippets.ROOT / "README.md").read_text(encoding="utf-8"))
    assert [p for p in listed if not (snippets.ROOT / p.rstrip("/")).exists()] == [], "listed, not there"
    tracked = subprocess.run(["git", "ls-files"], cwd=snippets.ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    wanted = {p for p in tracked if p.startswith("kb/") and p.endswith(".py")
              and not p.endswith("__init__.py")}
    wanted |= {str(Path(p).parent) + "/" for p in wanted}
    wanted |= {p.split("/")[0] + ("/" if "/" in p else "") for p in tracked
               if not p.startswith(".") and p.split("/")[0] not in ("README.md", "Makefile",
                                                                    "pyproject.toml", "requirements.lock",
                                                                    "mkdocs.yml")}
    wanted |= {"/".join(p.split("/")[:2]) + ("/" if p.count("/") > 1 else "")
               for p in tracked if p.startswith("doctor/")}
    shown = set(listed) | {"/".join(p.split("/")[:i]) + "/" for p in listed for i in range(1, p.count("/"))}
    assert sorted(wanted - shown) == [], "in the tree, not in the README's Layout"


def test_the_readme_layout_reader_nests_by_indent():
    text = ("## Layout\n\n```text notest\nkb/   the code\n  a.py   one\n"
            "                        more words\n  sub/   folder\n    b.py   two\nx.py  top\n```\n")
    assert readme_layout(text) == ["kb/", "kb/a.py", "kb/sub/", "kb/sub/b.py", "x.py"]


def test_a_topic_shown_by_one_page_is_named_as_that_page():
    """snippets/<topic>/ carries the slug of the page that shows it, so a snippet, its page and
    its published URL share one name. A topic several pages show (the doctor's, TF.js's) and
    the doctor's corpus makers (kb/tools/conformance.py) keep a name of their own; a notebook's
    source is its page."""
    from kb.tools import conformance

    shown = defaultdict(set)
    for path, pages in all_includes().items():
        parts = path.split(":")[0].split("/")
        if parts[0] == "snippets" and len(parts) > 2:
            shown[parts[1]] |= {Path(p).stem for p in pages}
    for page, src in notebook.NOTEBOOKS.items():
        shown[src.parent.name].add(Path(page).stem)
    wrong = {t: sorted(p) for t, p in shown.items()
             if len(p) == 1 and t not in p and t != conformance.MAKERS.name}
    assert wrong == {}, "rename snippets/<topic>/ to its page's slug (data/renamed_topics.toml keeps old links)"


def test_no_source_file_is_hidden_by_an_ignore_rule():
    """A module the checkout runs but git ignores (a rule such as `site/` matching kb/site/)
    would be missing from every clone: no source under kb/, doctor/, tests/, snippets/ or docs/
    is ignored, bytecode caches aside."""
    ignored = subprocess.run(["git", "ls-files", "--others", "--ignored", "--exclude-standard",
                              "--", "kb", "doctor", "tests", "snippets", "docs"], cwd=snippets.ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    assert [p for p in ignored if "__pycache__" not in p and not p.endswith(".pyc")
            and not p.startswith(("doctor/build/", "doctor/js/node_modules/"))
            and ".egg-info/" not in p] == []
