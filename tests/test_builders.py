"""Builder independence: the sources build with MkDocs (the primary build, kb/site/hooks.py) and
with Zensical from the same generated files (kb/site/zensical.py), both strict, into the same
pages holding the same generated tables."""
import html as htmllib
import re

import pytest

from kb.site import notebook, zensical


def _pages(site):
    return {f.parent.relative_to(site).as_posix() for f in site.rglob("index.html")
            if 'http-equiv="refresh"' not in f.read_text()} - {"search"}


def _tables(html):
    """The text of every table's cells, in order (links and markup aside)."""
    out = []
    for table in re.findall(r"<table.*?</table>", html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table, re.S)
        out.append([" ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells])
    return out


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("zensical")
    proc = zensical.build(out)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert "No issues found" in proc.stdout + proc.stderr
    return out / "site"


def test_both_builders_make_the_same_pages(site, zensical_site):
    notebooks = {uri.removesuffix(".ipynb") for uri in notebook.NOTEBOOKS}  # mkdocs-jupyter's
    assert notebooks and notebooks <= _pages(site)
    assert _pages(zensical_site) == _pages(site) - notebooks


def test_both_builders_show_the_same_generated_tables(site, zensical_site):
    compared = 0
    for page in sorted(_pages(zensical_site)):
        mk = _tables((site / page / "index.html").read_text())
        zs = _tables((zensical_site / page / "index.html").read_text())
        assert zs == mk, page
        compared += len(mk)
    assert compared >= 40  # messages, matrix, version tables, advisories, ...


def test_both_builders_write_the_hosting_metadata(site, zensical_site):
    for page in ("", "fix-custom-layer", "matrix"):
        mk = (site / page / "index.html").read_text()
        zs = (zensical_site / page / "index.html").read_text()
        for pattern in (r'<link rel="canonical" href="[^"]+">', r'<meta property="og:image" content="[^"]+">'):
            assert re.search(pattern, mk).group(0) == re.search(pattern, zs).group(0), (page, pattern)
