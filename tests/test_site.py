"""The site builds strict, shows every runnable block, and loads nothing from outside."""
import os
import re
import subprocess
import sys

import pytest
from pytest_markdown_docs.plugin import extract_fence_tests

from conftest import pytest_markdown_docs_markdown_it
from kb import snippets

ROOT = snippets.ROOT


def rendered_python_blocks(site):
    return sum(len(re.findall(r'class="language-python highlight"', p.read_text()))
               for p in site.rglob("*.html"))


def collected_python_blocks(md_file):
    parser = pytest_markdown_docs_markdown_it()
    return list(extract_fence_tests(parser, md_file.read_text(), 0, md_file))


def test_site_builds_strict(site):
    assert (site / "index.html").exists() and (site / "search" / "search_index.json").exists()


def test_runnable_blocks_collected_equal_blocks_on_the_rendered_pages(site):
    collected = sum(len(collected_python_blocks(p)) for p in (ROOT / "docs").rglob("*.md"))
    assert collected > 0
    assert collected == rendered_python_blocks(site)


def test_start_page_lists_generated_messages(site):
    html = (site / "index.html").read_text()
    table = html[html.index("<table>"):html.index("</table>")]
    assert table.count("<tr>") >= 5
    assert "Requested the deserialization of a" in table  # from a golden, not typed in index.md
    assert "Requested the deserialization" not in (ROOT / "docs" / "index.md").read_text()


def test_message_index_has_every_failing_output_a_page_shows(site):
    """Each runtime's section links every page section that shows an output of a run that
    raised there. The expectation comes from the snippet headers and the goldens, not from
    kb.messages (which reads results/)."""
    import html as htmllib

    from kb import messages, runtimes

    page = htmllib.unescape((site / "messages" / "index.html").read_text())
    where = messages.included_goldens()
    expected = []
    for s in snippets.discover():
        for rt in s.runtimes:
            golden = snippets._rel(s.golden(rt))
            outcome, exc = s.expect(rt)
            if outcome == "raises" and golden in where:
                text = (ROOT / golden).read_text()
                assert re.search(rf"^{re.escape(exc)}(:|$)", text, re.M), (golden, exc)
                expected.append((rt, exc, where[golden]))
    assert {rt for rt, _, _ in expected} >= {runtimes.DEFAULT, "tfjs-4.22.0"}
    missing = []
    for rt, exc, (pg, anchor, _) in expected:
        start = page.index(f'id="messages-{rt}"')
        section = page[start:page.find("<h2", start + 1)]
        if f'href="../{pg.removesuffix(".md")}/#{anchor}"' not in section:
            missing.append(f"{rt}: {exc} shown on {pg}#{anchor}")
    assert not missing, missing
    assert "Error: Unknown layer: Lambda. This may be due" in page  # TF.js's own words
    assert "Requested the deserialization" not in (ROOT / "docs" / "messages.md").read_text()


def test_pages_reference_no_outside_host(site):
    for page in site.rglob("*.html"):
        html = page.read_text()
        for tag in re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", html):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{page}: {tag}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


def test_a_missing_include_fails_the_build_naming_it(tmp_path):
    import yaml

    conf = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text('# Page {#page}\n\n```python\n--8<-- "snippets/why/999_fix_nope.py:code"\n```\n')
    conf["theme"]["custom_dir"] = str(ROOT / "overrides")
    conf.update(docs_dir=str(docs), site_dir=str(tmp_path / "site"), nav=["index.md"],
                hooks=[str(ROOT / "kb" / "hooks.py")])
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(conf))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "snippets/why/999_fix_nope.py" in proc.stderr


def test_every_published_url_and_anchor_still_resolves(site):
    from kb import links

    assert len(links.read_manifest()) > 20
    assert links.broken(site) == []


def test_every_current_url_and_anchor_is_in_the_manifest(site):
    from kb import links

    new = sorted(links.site_urls(site) - set(links.read_manifest()))
    assert not new, f"publish these with `python -m kb.links site --update` after `make build`: {new}"


def test_a_removed_anchor_or_page_without_redirect_is_caught(site, tmp_path):
    import shutil

    from kb import links

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "fix-custom-layer" / "index.html"
    page.write_text(page.read_text().replace('id="fix-register"', 'id="renamed"'))
    shutil.rmtree(copy / "recovery")
    bad = links.broken(copy)
    assert "/fix-custom-layer/#fix-register" in bad and "/recovery/" in bad


def test_a_redirect_keeps_an_old_url_working(site, tmp_path):
    import shutil

    from kb import links

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    old = copy / "recovery"
    shutil.move(old, copy / "recover-your-model")
    old.mkdir()
    (old / "index.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=../recover-your-model/"></head></html>')
    assert links.resolve(copy, "/recovery/#patch-config") == "/recover-your-model/#patch-config"
