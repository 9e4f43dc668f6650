"""The site builds strict, shows every runnable block, and loads nothing from outside."""
import os
import re
import subprocess
import sys

import pytest
from pytest_markdown_docs.plugin import extract_fence_tests

from conftest import pytest_markdown_docs_markdown_it
from kb.engine import goldens, snippets
from kb.site import config

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
    kb.site.messages.exact (which reads results/)."""
    import html as htmllib

    from kb.site.messages import exact
    from kb.engine import runtimes

    page = htmllib.unescape((site / "messages" / "index.html").read_text())
    where = exact.included_goldens()
    expected = []
    for s in snippets.discover():
        for rt in [rt for rt in s.runtimes if rt in runtimes.RELEASES]:  # a preview: docs/next.md
            golden = snippets.relpath(goldens.lookup(s, rt))
            outcome, exc = s.expect(rt)
            if outcome == "raises" and golden in where:
                text = (ROOT / golden).read_text()
                # a class outside builtins prints with its module (tensorflow.python...NotFoundError)
                assert re.search(rf"^(?:[A-Za-z_]\w*\.)*{re.escape(exc)}(:|$)", text, re.M), (golden, exc)
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
            if tag.startswith('<link rel="canonical"'):  # names the page's URL, fetches nothing
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{page}: {tag}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


def test_a_missing_include_fails_the_build_naming_it(tmp_path):
    import copy

    import yaml

    conf = copy.deepcopy(config.load())
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text('# Page {#page}\n\n```python\n--8<-- "snippets/why-unknown-layer-lambda/999_fix_nope.py:code"\n```\n')
    conf["theme"]["custom_dir"] = str(ROOT / "overrides")
    conf.update(docs_dir=str(docs), site_dir=str(tmp_path / "site"), nav=["index.md"],
                hooks=[str(ROOT / "kb" / "site" / "hooks.py")])
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(conf))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "snippets/why-unknown-layer-lambda/999_fix_nope.py" in proc.stderr


def test_every_published_url_and_anchor_still_resolves(site):
    from kb.tools import links

    assert len(links.read_manifest()) > 20
    assert links.broken(site) == []


def test_every_current_url_and_anchor_is_in_the_manifest(site):
    from kb.tools import links

    new = sorted(links.site_urls(site) - set(links.read_manifest()))
    assert not new, f"publish these with `python -m kb.tools.links site --update` after `make build`: {new}"


def test_a_removed_anchor_or_page_without_redirect_is_caught(site, tmp_path):
    import shutil

    from kb.tools import links

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "fix-custom-layer" / "index.html"
    page.write_text(page.read_text().replace('id="fix-register"', 'id="renamed"'))
    shutil.rmtree(copy / "recovery")
    bad = links.broken(copy)
    assert "/fix-custom-layer/#fix-register" in bad and "/recovery/" in bad


def test_a_redirect_keeps_an_old_url_working(site, tmp_path):
    import shutil

    from kb.tools import links

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    old = copy / "recovery"
    shutil.move(old, copy / "recover-your-model")
    old.mkdir()
    (old / "index.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=../recover-your-model/"></head></html>')
    assert links.resolve(copy, "/recovery/#patch-config") == "/recover-your-model/#patch-config"


def _site_url():
    return config.site_url()


def _built_pages(site):
    """path under the site -> html, for every page (not the 404 page, not a redirect stub)."""
    out = {}
    for f in sorted(site.rglob("index.html")):
        html = f.read_text()
        if 'http-equiv="refresh"' not in html:
            out[f.parent.relative_to(site).as_posix() + "/" if f.parent != site else ""] = html
    return out


def _meta(html, attr, name):
    m = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', html)
    return m and __import__("html").unescape(m.group(1))


def test_site_url_is_set_and_every_page_is_in_the_sitemap(site):
    url = _site_url()
    assert re.match(r"https://[^/]+/(.+/)?$", url), url
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text())
    pages = _built_pages(site)
    assert len(pages) > 15
    assert sorted(locs) == sorted(url + p for p in pages)


def test_every_page_has_canonical_link_preview_tags_and_json_ld(site):
    import html as htmllib
    import json
    import struct

    url = _site_url()
    image = site / "images" / "og.png"
    head = image.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (1200, 630)
    faq = 0
    for path, html in _built_pages(site).items():
        here = url + path
        assert f'<link rel="canonical" href="{here}">' in html, path
        title = htmllib.unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
        title = title.removesuffix(" - " + _meta(html, "property", "og:site_name"))  # in the card already
        assert _meta(html, "property", "og:title") == _meta(html, "name", "twitter:title") == title, path
        desc = _meta(html, "name", "description")
        assert desc and _meta(html, "property", "og:description") == desc, path
        assert _meta(html, "name", "twitter:description") == desc, path
        assert _meta(html, "property", "og:url") == here, path
        assert _meta(html, "property", "og:image") == _meta(html, "name", "twitter:image") == url + "images/og.png"
        assert _meta(html, "name", "twitter:card") == "summary_large_image"
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1, path
        ld = json.loads(blocks[0])
        assert ld["@context"] == "https://schema.org" and ld["url"] == here, path
        boxes = re.findall(r'<p class="admonition-title">Answer</p>(.*?)</div>', html, re.S)
        if boxes:  # a page that opens with an answer is a question and its answer
            faq += 1
            assert ld["@type"] == "FAQPage", path
            h1 = htmllib.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)))
            assert [q["name"] for q in ld["mainEntity"]] == [h1.replace("¶", "").strip()] * len(boxes)
            for q, box in zip(ld["mainEntity"], boxes):
                words = htmllib.unescape(re.sub(r"<[^>]+>", "", box)).split()
                assert q["acceptedAnswer"]["text"].split() == words, path
        else:
            assert ld["@type"] == "TechArticle" and ld["headline"] == title, path
            assert ld["isPartOf"]["url"] == url
    assert faq >= 10  # the error pages


def test_kb_site_url_overrides_mkdocs_yml(monkeypatch):
    from kb.site import hooks

    monkeypatch.delenv("KB_SITE_URL", raising=False)
    assert hooks.on_config({"site_url": _site_url()})["site_url"] == _site_url()
    monkeypatch.setenv("KB_SITE_URL", "https://example.org/docs")
    assert hooks.on_config({"site_url": _site_url()})["site_url"] == "https://example.org/docs/"


def test_the_pages_workflow_builds_with_the_url_pages_serves_from():
    import yaml

    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = wf["jobs"]["build"]["steps"]
    ids = {s.get("id"): s for s in steps}
    assert ids["pages"]["uses"].startswith("actions/configure-pages@")
    build = next(s for s in steps if s.get("run") == "make build")
    assert build["env"]["KB_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert steps.index(ids["pages"]) < steps.index(build)


def test_matrix_cells_are_icon_word_and_releases_linked_to_the_output_they_name(site):
    """Each cell segment of the matrix is an icon and a word (never colour alone) with the
    releases, as ranges of one family, whose recorded run printed the output it links to,
    and the word agrees with that run's outcome (results/)."""
    import html as htmllib
    import posixpath

    from kb.engine import results, runtimes

    page = (site / "matrix" / "index.html").read_text()
    by_golden: dict[str, dict[str, str]] = {}
    for rt, data in results.load_all().items():
        for rel, ran in data["snippets"].items():
            by_golden.setdefault(ran["golden"], {})[rt] = ran["outcome"]
    order = list(runtimes.RELEASES)
    checked = releases_seen = 0
    for table in re.findall(r'<div class="kb-matrix">(.*?)</table>', page, re.S):
        heads = [htmllib.unescape(h) for h in re.findall(r"<th>(.*?)</th>", table)]
        assert heads[0] == "Scenario" and len(heads) > 1
        for tr in re.findall(r"<tr>\s*<td>(.*?)</tr>", table, re.S):
            cells = re.split(r"</td>\s*<td>", tr)
            assert len(cells) == len(heads), tr[:200]
            for head, cell in zip(heads[1:], cells[1:]):
                family = {rt.family.name for rt in runtimes.RELEASES.values()
                          if head == f"{rt.family.short or rt.family.title} {rt.version.split('.')[0]}"
                          + (f" {rt.family.suffix}" if rt.family.base else "")}
                assert len(family) == 1, head
                links = re.findall(r'<a class="kb-m kb-m-(\w+)" href="([^"]+)">(.*?)</a>', cell)
                assert links or "—" in cell, cell
                for cls, href, text in links:
                    icon, word, versions = htmllib.unescape(text).split(" ", 2)
                    assert (icon, word) == ({"runs": "✓", "refuses": "⊘", "fails": "✗"}[cls], cls)
                    golden = posixpath.normpath(posixpath.join("matrix", href)).removesuffix(".txt")
                    ran = by_golden[golden]
                    fam = [n for n in order if runtimes.get(n).family.name in family]
                    named = []
                    for part in versions.split(", "):
                        lo, _, hi = part.partition("–")
                        names = [n for n in fam if runtimes.get(n).version in (lo, hi or lo)]
                        named += fam[fam.index(names[0]):fam.index(names[-1]) + 1]
                    assert named and set(named) <= set(ran), (golden, versions, sorted(ran))
                    for n in named:
                        assert (ran[n] == "raises") == (word != "runs"), (golden, n, word)
                    checked += 1
                    releases_seen += len(named)
    assert checked > 100 and releases_seen > 300  # the version scan's rows span every release


def test_lighthouse_covers_every_built_page_with_the_cpu_calibrated_to_the_host(site):
    from kb.tools import lighthouse

    pages = lighthouse.site_pages(site)
    assert len(pages) == len(set(pages)) and set(pages) == set(_built_pages(site))
    # Lighthouse's mobile preset (4x) is meant for a host of benchmarkIndex ~1533
    assert [lighthouse.cpu_multiplier(i) for i in (100, 150, 800, 1300, 1533, 2000)] == \
        [1.0, 1.0, 2.0, 3.0, 4.0, 6.0]
    assert 1.0 < lighthouse.cpu_multiplier(500) < 2.0


def test_the_change_feed_and_its_page_list_the_same_releases(site):
    import xml.etree.ElementTree as ET

    from kb.site.tables import changes

    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring((site / changes.FEED).read_text())
    entries = [e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns)]
    page = (site / "changes" / "index.html").read_text()
    anchors = re.findall(r'<p class="kb-release" id="(release-[0-9a-f]{12})"', page)
    # first, the next Keras (kb/site/tables/preview.py), whose page the changes page links
    assert entries[0] == _site_url() + "next/" and 'href="../next/"' in page
    assert entries[1:] == [_site_url() + "changes/#" + a for a in anchors]
    # the releases come from git: every one is a commit that changed results/
    log = subprocess.run(["git", "log", "--first-parent", "--format=%H", "--", "results/"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert anchors and all(any(c.startswith(a.removeprefix("release-")) for c in log) for a in anchors)
    for html in _built_pages(site).values():
        assert 'rel="alternate" type="application/atom+xml"' in html


def test_a_renamed_topic_s_snippets_are_still_published_at_their_old_paths(site):
    """A topic renamed to its page's slug (data/renamed_topics.toml) keeps its published
    files: every snippet and golden is at its new path and at each old one, the same text."""
    from kb.site import html

    renamed = html.renamed_topics()
    assert renamed
    for old, new in renamed.items():
        files = sorted(p for p in (snippets.SNIPPETS / new).iterdir() if p.suffix in (".py", ".out"))
        assert files, new
        for path in files:
            rel = path.relative_to(snippets.ROOT).as_posix()
            then = rel.replace(f"snippets/{new}/", f"snippets/{old}/", 1)
            assert (site / f"{rel}.txt").read_text() == (site / f"{then}.txt").read_text() == path.read_text()
        assert html.current(f"snippets/{old}/010_x.py") == f"snippets/{new}/010_x.py"
    assert html.current("snippets/demo/010_x.py") == "snippets/demo/010_x.py"


def test_a_preview_is_never_shown_as_a_release(site):
    """The next Keras (a registry family with `preview = true`) has its own page and notes
    ("Coming in the next Keras", "not in a release yet"); no page lists it among the releases:
    no tab, matrix column, version picker option or verified note names it."""
    from kb.engine import runtimes

    assert runtimes.PREVIEWS
    for rt in runtimes.PREVIEWS.values():
        for path, html in _built_pages(site).items():
            assert rt.name not in html and rt.tab not in html and rt.label not in html, (path, rt.name)
    nxt = (site / "next" / "index.html").read_text()
    assert "print something else than on the newest release" in nxt
