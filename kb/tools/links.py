"""Published URLs and anchors: the promise to everyone who links to this site.

    python -m kb.tools.links SITE_DIR            check SITE_DIR against the manifest
    python -m kb.tools.links SITE_DIR --update   add the URLs and anchors SITE_DIR has now

The manifest (tests/published_urls.txt) lists ``/page/#anchor`` lines (site-relative). An entry may
only disappear from the site with a redirect (mkdocs-redirects in mkdocs.yml) to a page
that still has the anchor.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kb.engine import snippets

MANIFEST = snippets.ROOT / "tests" / "published_urls.txt"
_REDIRECT_RE = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
_HEADING_ID_RE = re.compile(r'<h[1-6] id="([^"]+)"')


def site_urls(site: Path) -> set[str]:
    """Every page URL and every heading anchor of a built site (not redirects, not 404)."""
    urls = set()
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if _REDIRECT_RE.search(html):
            continue
        url = "/" + (page.parent.relative_to(site).as_posix() + "/" if page.parent != site else "")
        urls.add(url)
        urls.update(f"{url}#{anchor}" for anchor in _HEADING_ID_RE.findall(html))
    return urls


def resolve(site: Path, url: str, hops: int = 5) -> str | None:
    """Follow redirect pages; return the final page URL + anchor if it exists, else None."""
    page, _, anchor = url.lstrip("/").partition("#")
    for _ in range(hops):
        path = site / page / "index.html"
        if not path.exists():
            return None
        html = path.read_text(encoding="utf-8")
        m = _REDIRECT_RE.search(html)
        if not m:
            if anchor and f'id="{anchor}"' not in html:
                return None
            return "/" + page + (f"#{anchor}" if anchor else "")
        target = (path.parent / m.group(1).split("#")[0]).resolve()
        if target.name == "index.html":
            target = target.parent
        rel = target.relative_to(site.resolve()).as_posix()
        page = "" if rel == "." else rel + "/"
    return None


def read_manifest() -> list[str]:
    return [ln.strip() for ln in MANIFEST.read_text().splitlines() if ln.startswith("/")]


def broken(site: Path) -> list[str]:
    return [url for url in read_manifest() if resolve(site, url) is None]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args(argv)
    if not (args.site / "index.html").exists():
        sys.exit(f"error: {args.site} is not a built site (no index.html); run `make build`")
    if args.update:
        old = read_manifest() if MANIFEST.exists() else []
        new = sorted(set(old) | site_urls(args.site))
        MANIFEST.write_text("# Published URLs and anchors (python -m kb.tools.links SITE --update adds;\n"
                            "# never delete a line: add a redirect instead)\n" + "\n".join(new) + "\n")
        print(f"{len(new) - len(old)} added, {len(new)} in {MANIFEST.relative_to(snippets.ROOT)}")
    bad = broken(args.site)
    for url in bad:
        print(f"broken: {url} (no page or anchor, and no redirect to one)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
