"""How well real pasted messages (data/corpus/messages.tsv) find the section answering them,
per split, on the families the site answers: the message matcher (kb/site/messages/match.py,
the same as the browser's) and the built site's search in Debian's chromium (Material's
search with the matcher's first result, driven as tools/search_eval.py drives it).

    python -m kb.tools.corpus_eval [--site DIR] [--no-search] [--misses dev]
    python -m kb.tools.corpus_eval --cv [--site DIR] [--misses dev]   (dev, cross-validated)

hit@1: the first result is on the answering page (``sec@1``: on its section); hit@3: within
the first three; a dead end: the page is nowhere in the results (the matcher's: not among the
cases the box shows). Broken queries (Material's "Invalid query", no result at all) are
counted on every row, answered or not. Without --site the site is built into a temporary
directory (KB_NOTEBOOK_EXECUTE=0).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from kb.engine.runtimes import ROOT
from kb.site.messages import corpus, match, render

SPLITS = ("dev", "test")


def _figures(ranks: list[tuple[int | None, bool]]) -> dict:
    """ranks: (rank of the first result on the page or None, first result on the section)."""
    n = len(ranks) or 1
    return {"n": len(ranks), "hit1": sum(r == 1 for r, _ in ranks) / n,
            "sec1": sum(s for _, s in ranks) / n,
            "hit3": sum(r is not None and r <= 3 for r, _ in ranks) / n,
            "dead": sum(r is None for r, _ in ranks)}


def matcher_ranks(rows: list[corpus.Row], index: dict) -> list[tuple[int | None, bool, list[str]]]:
    out = []
    for row in rows:
        urls = [c["url"] for c in match.rank(index, row.message)["cases"]]
        pages = [u.split("#")[0] for u in urls]
        rank = pages.index(row.page) + 1 if row.page in pages else None
        out.append((rank, bool(urls) and urls[0] == f"{row.page}#{row.anchor}", urls))
    return out


def folds(rows: list[corpus.Row], k: int = 5):
    """(messages.json, a fold's match.json, the fold's answered dev rows) for each of k folds
    by thread: its match.json built from the other folds' dev rows."""
    import hashlib

    from kb.site import config
    from kb.site.messages import catalogue, exact

    pages = config.nav_pages()
    messages = render.data(catalogue.build(page_order=pages))
    heads, texts = match.headings(exact.DOCS, pages), match.bodies(exact.DOCS, pages)
    full = render.match_data(messages, exact.DOCS, pages)
    fold = {r.source_url: int(hashlib.sha256(r.source_url.encode()).hexdigest(), 16) % k for r in rows}
    dev = [r for r in rows if r.split == "dev"]
    for f in range(k):
        data = {**full, **match.build(messages, heads, [r for r in dev if fold[r.source_url] != f], texts)}
        yield messages, data, [r for r in dev if r.section and fold[r.source_url] == f]


def cross_validated(rows: list[corpus.Row], k: int = 5) -> dict:
    """The dev split's figures with each message's thread out of the index: k folds by thread,
    each ranked by an index built from the other folds' dev rows (the plain dev figure has
    every dev message in the index it is matched against)."""
    ranks = []
    for messages, data, mine in folds(rows, k):
        ranks += [(g[0], g[1], r, g[2]) for r, g in zip(mine, matcher_ranks(mine, match.prepare(messages, data)))]
    return ranks


def search_cross_validated(site: Path, rows: list[corpus.Row], k: int = 5) -> list[tuple[corpus.Row, dict]]:
    """The built site's search on the dev split, each fold's threads out of the index: a copy
    of the site whose match.json is the fold's (the site's pages and Material's index stay)."""
    import json
    import shutil

    out = []
    with tempfile.TemporaryDirectory(prefix="kb-corpus-cv-") as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy)
        for _, data, mine in folds(rows, k):
            (copy / "match.json").write_text(json.dumps(data), encoding="utf-8")
            out += list(zip(mine, search_ranks(copy, mine)))
    return out


def _search_eval():
    spec = importlib.util.spec_from_file_location("search_eval", ROOT / "tools" / "search_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def search_ranks(site: Path, rows: list[corpus.Row]) -> list[dict]:
    """Each message typed in the built site's search box, as tools/search_eval.py types it."""
    se = _search_eval()
    from playwright.sync_api import sync_playwright

    httpd, base = se.serve(site)
    out = []
    try:
        with sync_playwright() as pw:
            ms = se.MaterialSearch(pw, se.DEFAULT_BROWSER, base + se.check_site(site))
            for row in rows:
                res = ms.search(row.message)
                links = [] if res["timeout"] else [x for x in res["links"] if not x["folded"]]
                urls = [urlsplit(x["href"]) for x in links]
                pages = [u.path[len(urlsplit(base).path):] for u in urls]
                rank = pages.index(row.page) + 1 if row.page and row.page in pages else None
                sec = bool(urls) and pages[0] == row.page and urls[0].fragment == row.anchor
                out.append({"rank": rank, "sec": sec, "invalid": res["invalid"], "timeout": res["timeout"],
                            "none": not res["links"] and not res["timeout"],
                            "first": pages[0] + (f"#{urls[0].fragment}" if urls[0].fragment else "") if urls else ""})
            ms.close()
    finally:
        httpd.shutdown()
    return out


def build_site(out_dir: Path) -> None:
    env = dict(os.environ, KB_NOTEBOOK_EXECUTE="0", NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out_dir)],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    if proc.returncode:
        raise SystemExit("mkdocs build --strict failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1])


def line(label: str, f: dict, broken: int | None = None) -> str:
    return (f"{label:28} n={f['n']:3d}  hit@1 {f['hit1']:.3f}  sec@1 {f['sec1']:.3f}  hit@3 {f['hit3']:.3f}  "
            f"dead ends {f['dead']}" + ("" if broken is None else f"  broken queries {broken}"))


def report(site: Path | None, search: bool = True, misses: str = "") -> list[str]:
    rows = corpus.load()
    answered = [r for r in rows if r.section]
    out = []
    index = render.matcher_index(site)
    got = matcher_ranks(answered, index)
    for split in SPLITS:
        out.append(line(f"matcher  {split}", _figures([g[:2] for r, g in zip(answered, got) if r.split == split])))
    if misses:
        for r, (rank, _, urls) in zip(answered, got):
            if r.split == misses and rank != 1:
                print(f"MISS {rank}  {r.section:50} {urls[:3]}  {r.message[:150]!r}", file=sys.stderr)
    if search and site:
        res = search_ranks(site, rows)
        for split in SPLITS:
            mine = [(r, s) for r, s in zip(rows, res) if r.split == split]
            broken = sum(s["invalid"] or s["none"] or s["timeout"] for _, s in mine)
            out.append(line(f"search   {split}", _figures([(s["rank"], s["sec"]) for r, s in mine if r.section]), broken))
        if misses:
            for r, s in zip(rows, res):
                if r.split == misses and r.section and s["rank"] != 1:
                    print(f"SEARCH MISS {s['rank']}  {r.section:45} {s['first']:45} {r.message[:120]!r}", file=sys.stderr)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site (default: build one)")
    ap.add_argument("--no-search", action="store_true", help="the matcher only (no build, no browser)")
    ap.add_argument("--misses", choices=SPLITS[:1], default="", help="list the dev split's misses (stderr)")
    ap.add_argument("--cv", action="store_true", help="only the dev split, each thread out of the index (5 folds); "
                    "with --site, the search's too")
    args = ap.parse_args(argv)
    if args.cv:
        got = cross_validated(corpus.load())
        print(line("matcher  dev, cross-validated", _figures([(g[0], g[1]) for g in got])))
        for rank, _, r, urls in got if args.misses else []:
            if rank != 1:
                print(f"MISS {rank}  {r.section:50} {urls[:3]}  {r.message[:150]!r}", file=sys.stderr)
        if args.site:  # the search too, in that site with each fold's match.json
            res = search_cross_validated(args.site, corpus.load())
            print(line("search   dev, cross-validated", _figures([(s["rank"], s["sec"]) for _, s in res]),
                       sum(s["invalid"] or s["none"] or s["timeout"] for _, s in res)))
        return 0
    if args.no_search:
        print("\n".join(report(args.site, search=False, misses=args.misses)))
        return 0
    with tempfile.TemporaryDirectory(prefix="kb-corpus-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_site(site)
        print("\n".join(report(site, misses=args.misses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
