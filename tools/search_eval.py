#!/usr/bin/env python3
# Vendored from the team's shared/tools/search_eval.py (unchanged below) so a clean clone runs it.
r"""Evaluate the built-in search of an MkDocs Material site with a real browser.

For every query in a TSV file the tool types the query into Material's search
box in headless Chromium (exactly as given), waits for the result list, and
checks whether the pages of the ranked results contain the expected text.

Usage
-----
    python search_eval.py SITE_DIR QUERIES.tsv [--top 3] [--json OUT.json]
                          [--min-hit1 0.0] [--unit link|page] [--browser PATH]

SITE_DIR     output of ``mkdocs build`` (must contain search/search_index.json,
             i.e. the ``search`` plugin is enabled).  It is served by a stdlib
             http.server on 127.0.0.1 (ephemeral port, in a thread); the browser
             may reach nothing else (external fonts/CDNs fail fast).
QUERIES.tsv  tab-separated, header ``query<TAB>family<TAB>expect<TAB>source_url``
             (``family`` and ``source_url`` may be empty).  No CSV quoting: quotes
             are part of the query.  ``expect`` is a Python regex, matched with
             re.IGNORECASE against whitespace-normalised page text.

Prerequisites: Python 3.11+, ``pip install playwright`` (the Python package
only; ``playwright install`` is NOT needed) and a system Chromium
(``apt-get install -y chromium`` -> /usr/bin/chromium, or pass --browser).

What is measured
----------------
* Results are read from the DOM: each ``li.md-search-result__item`` is one page
  (article link first, then its section links).  They are flattened in display
  order into links; sections folded into the collapsed "N more on this page"
  element are not counted as ranks (they are not visible without a click).
  ``--unit page`` ranks by result item (page) instead; hit@1 is the same in
  both units, the other unit is printed as an extra line.
* A result is a hit when the text of its page's main content
  (``article.md-content__inner``: text incl. code blocks, collapsed admonitions
  and inactive tabs; without nav, TOC, header, footer and the pilcrow
  permalinks) matches ``expect``.  When a hit page also has section links
  (``#fragment``) whose section text (heading up to the next heading of the same
  or higher level) matches, that section link is reported as the hit
  (``where: section``), otherwise the page (``where: page``).
* Material renders only the first 10 result items and lazily adds more on
  scroll; ranks beyond those count as misses (MRR 0).
* Per query: rank of first hit (or '-'), the query, top-1 title, and a note
  (no results / invalid query / timeout).  Summary: hit@1, hit@K, MRR,
  no-result count, per-family hit@1.  The last line is the figure line, e.g.
  ``search hit@1 0.83 (58/70), hit@3 0.94, MRR 0.88``.
* Exit status: 0 ok, 1 if hit@1 < --min-hit1, 2 on setup errors (site or
  index missing, bad TSV/regex, browser or playwright missing, no Material
  search UI) or if the browser dies mid-run.  Each query has a 5 s limit (counted as a miss, note
  "timeout"); the page is reloaded if the search worker stops answering.

Material search behaviour that matters for error-message queries
(observed with mkdocs-material 9.8.2, lunr.js in a web worker, toy site)
-----------------------------------------------------------------------
* The box is read on ``keyup``/focus, not on ``input``: filling or pasting
  alone starts no search.  The tool selects all, pastes the query with
  ``keyboard.insert_text`` (fires ``input``), then presses End, which changes
  nothing but fires keydown/keyup as a typing user would.  Before each query
  it empties the box and waits for "Type to start searching", so a stale list
  or a repeated identical query cannot be mistaken for the new result.
* Every query word becomes an optional (OR) prefix term ``word*``.  Ranking:
  BM25, title field boost 1000 (search_index.json config), extra boost for
  whole pages and for the share of query words found.  So one title word shared with the query
  ("Lambda", "Unknown") beats a page that holds the whole message in its body:
  put the exact error message in the page title (H1) when you can.
* lunr query syntax is live inside error messages:
  - a word ending in ``:`` (``ValueError:``, ``layer:``) is taken as a field
    name and Material drops it: ``ValueError:`` alone finds nothing, and
    ``ValueError: Unknown layer: Lambda`` searches only ``unknown* lambda*``;
  - stop words (could, not, of, is, ...) are removed; a query of only dropped
    words gives "No matching documents";
  - ``"..."`` makes the enclosed words required, and a quoted phrase that
    contains a stop word (``"out of memory"``) matches nothing at all;
  - a leading ``-`` prohibits a word, ``+`` requires it; ``~`` and ``^`` are
    operators: ``~/.keras`` or ``a ^ b`` raise a lunr QueryParseError and
    show "No matching documents" (reported here as "invalid query").
* Page text and query words are split with ``plugins: - search: separator:``
  (default ``[\s\-]+``; trimmer and stemmer are off).  A query word only
  matches a token it is a prefix of, so with the default an identifier inside
  a dotted path or call is unfindable: ``enable_unsafe_deserialization`` in
  ``keras.config.enable_unsafe_deserialization()`` gives no results.
  Material's documented separator for code fixes this:
      plugins:
        - search:
            separator: '[\s\-,:!=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])'
  On a 24-query toy set: default hit@1 0.71 / MRR 0.77, that separator
  0.79 / 0.85, and adding ``'`` and ``_`` to the class 0.83 / 0.88 (quoted
  names like ``'swish_custom'`` match; but one ``'load_model' from
  'keras.models'`` query dropped from rank 1 to 2, since snake_case names
  become common words).  Re-measure on the real site with this tool.
* Only the first 10 result pages are rendered (more on scroll); sections with
  lower scores are folded under "N more on this page".
"""
from __future__ import annotations

import argparse
import csv
import functools
import http.server
import json
import re
import shutil
import sys
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

QUERY_TIMEOUT_MS = 5000      # per query (typing -> settled result list)
READY_TIMEOUT_MS = 30000     # page load + search index ready
DEFAULT_BROWSER = "/usr/bin/chromium"
MAX_TITLE = 60


class SetupError(Exception):
    """Problem with the inputs or the environment (exit status 2)."""


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------

def load_queries(path: Path) -> list[dict]:
    if not path.is_file():
        raise SetupError(f"queries file not found: {path}")
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        raise SetupError(f"{path}: empty file")
    header = [h.strip().lower() for h in rows[0]]
    missing = {"query", "expect"} - set(header)
    if missing:
        raise SetupError(f"{path}: header must be 'query<TAB>family<TAB>expect"
                         f"<TAB>source_url' (missing: {', '.join(sorted(missing))})")
    queries = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        rec = dict(zip(header, row + [""] * (len(header) - len(row))))
        try:
            rx = re.compile(rec["expect"], re.IGNORECASE)
        except re.error as e:
            raise SetupError(f"{path}:{lineno}: bad expect regex {rec['expect']!r}: {e}")
        queries.append({"query": rec["query"], "family": rec.get("family", "") or "-",
                        "expect": rec["expect"], "source_url": rec.get("source_url", ""),
                        "rx": rx, "line": lineno})
    if not queries:
        raise SetupError(f"{path}: no queries")
    return queries


def check_site(site: Path) -> str:
    if not site.is_dir():
        raise SetupError(f"site dir not found: {site}")
    if not (site / "search" / "search_index.json").is_file():
        raise SetupError(f"no search index at {site / 'search' / 'search_index.json'} "
                         "(is this `mkdocs build` output with the search plugin?)")
    for start in ("index.html", "404.html"):
        if (site / start).is_file():
            return start
    raise SetupError(f"no index.html or 404.html in {site}")


# --------------------------------------------------------------------------
# Local server
# --------------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep stdout for results
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


# --------------------------------------------------------------------------
# Browser side
# --------------------------------------------------------------------------

JS_CONFIG = """() => {
  const el = document.getElementById('__config');
  let t = {};
  try { t = JSON.parse(el.textContent).translations || {}; } catch (e) {}
  return t;
}"""

JS_META_IS = """(text) => {
  const m = document.querySelector('.md-search-result__meta');
  return !!m && m.textContent.trim() === text;
}"""

# settled = meta left the placeholder state and (list rendered or "none")
JS_SETTLED = """([placeholder, none]) => {
  const m = document.querySelector('.md-search-result__meta');
  if (!m) return false;
  const t = m.textContent.trim();
  if (t === placeholder) return false;
  return t === none || !!document.querySelector('.md-search-result__list > li');
}"""

JS_READ = """() => {
  const out = [];
  document.querySelectorAll('.md-search-result__list > li.md-search-result__item')
    .forEach((li, i) => {
      for (const a of li.querySelectorAll('a.md-search-result__link')) {
        const h = a.querySelector('h1, h2');
        out.push({group: i, href: a.href,
                  title: (h ? h.textContent : a.textContent).trim(),
                  folded: !!a.closest('details.md-search-result__more')});
      }
    });
  const m = document.querySelector('.md-search-result__meta');
  const q = document.querySelector('input.md-search__input');
  return {meta: m ? m.textContent.trim() : '', links: out, typed: q ? q.value : null};
}"""

# Fetch a page and extract the main content text and per-heading sections.
JS_PAGE_TEXT = """async (url) => {
  const res = await fetch(url);
  if (!res.ok) return null;
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const root = doc.querySelector('article.md-content__inner')
            || doc.querySelector('.md-content article') || doc.querySelector('.md-content');
  if (!root) return null;
  root.querySelectorAll('a.headerlink, script, style').forEach(e => e.remove());
  const sections = {};
  for (const h of root.querySelectorAll('h1[id],h2[id],h3[id],h4[id],h5[id],h6[id]')) {
    const level = +h.tagName[1];
    let text = h.textContent;
    for (let n = h.nextElementSibling; n; n = n.nextElementSibling) {
      if (/^H[1-6]$/.test(n.tagName) && +n.tagName[1] <= level) break;
      text += '\\n' + n.textContent;
    }
    sections[h.id] = text;
  }
  return {page: root.textContent, sections};
}"""


def _first_line(e: Exception) -> str:
    return (str(e).strip().splitlines() or [repr(e)])[0]


def _norm(text: str) -> str:
    return " ".join(text.split())


class MaterialSearch:
    """One headless Chromium page with the site's search dialog open."""

    def __init__(self, pw, browser_path: str, start_url: str):
        self.start_url = start_url
        try:
            self.browser = pw.chromium.launch(
                executable_path=browser_path,
                # loopback only: anything else fails at once instead of hanging
                args=["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        except Exception as e:
            raise SetupError(f"cannot start browser {browser_path}: {_first_line(e)}")
        self.page = self.browser.new_page()
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text))
        self.pages: dict[str, dict | None] = {}  # url without query/fragment -> text
        self.open()

    def open(self) -> None:
        page = self.page
        try:
            page.goto(self.start_url, wait_until="domcontentloaded",
                      timeout=READY_TIMEOUT_MS)
        except Exception as e:
            raise SetupError(f"cannot load {self.start_url}: {_first_line(e)}")
        if page.locator("input.md-search__input").count() == 0:  # server-rendered
            raise SetupError("no Material search box (input.md-search__input) on "
                             f"{self.start_url}: not a Material site or search disabled?")
        tr = page.evaluate(JS_CONFIG)
        self.placeholder = tr.get("search.result.placeholder", "Type to start searching")
        self.none = tr.get("search.result.none", "No matching documents")
        try:                                    # worker has loaded the index
            page.wait_for_function(JS_META_IS, arg=self.placeholder,
                                   timeout=READY_TIMEOUT_MS)
        except Exception:
            raise SetupError("Material search did not become ready within "
                             f"{READY_TIMEOUT_MS // 1000} s (search index/worker failed?)")
        page.keyboard.press("/")                # Material's shortcut opens search
        self.input = page.locator("input.md-search__input")
        if not page.evaluate("document.activeElement && document.activeElement"
                             ".classList.contains('md-search__input')"):
            self.input.click(timeout=QUERY_TIMEOUT_MS)   # fallback: click the box

    def _type(self, text: str) -> None:
        # Select all + paste (insert_text fires `input`, like a paste or IME
        # commit).  Material only reads the box on keyup/focus, so then press
        # End, which changes nothing but fires keydown/keyup.
        kb = self.page.keyboard
        self.input.focus(timeout=QUERY_TIMEOUT_MS)
        kb.press("ControlOrMeta+a")
        if text:
            kb.insert_text(text)
        else:
            kb.press("Delete")
        kb.press("End")

    def _reset(self) -> None:
        """Empty the box and wait for the placeholder, so a stale result list
        (or a repeated identical query) can't be mistaken for the next one."""
        try:
            self._type("")
            self.page.wait_for_function(JS_META_IS, arg=self.placeholder,
                                        timeout=QUERY_TIMEOUT_MS, polling=10)
        except Exception:
            self.open()                         # worker stuck: reload the page

    def search(self, query: str) -> dict:
        self._reset()
        self.console.clear()
        t0 = time.monotonic()
        try:
            self._type(query)
            self.page.wait_for_function(JS_SETTLED, arg=[self.placeholder, self.none],
                                        timeout=QUERY_TIMEOUT_MS, polling=10)
            timed_out = False
        except Exception:
            timed_out = True
        res = self.page.evaluate(JS_READ)
        res["ms"] = round((time.monotonic() - t0) * 1000)
        res["timeout"] = timed_out
        res["invalid"] = any("Invalid query" in c for c in self.console)
        return res

    def page_text(self, href: str) -> dict | None:
        parts = urlsplit(href)
        key = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        if key not in self.pages:
            try:
                got = self.page.evaluate(JS_PAGE_TEXT, key)
            except Exception:
                got = None
            if got:
                got = {"page": _norm(got["page"]),
                       "sections": {k: _norm(v) for k, v in got["sections"].items()}}
            self.pages[key] = got
        return self.pages[key]

    def close(self) -> None:
        self.browser.close()


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------

def score_query(ms: MaterialSearch, q: dict, top: int, base: str) -> dict:
    res = ms.search(q["query"])
    rx = q["rx"]
    groups: dict[int, list[dict]] = {}
    for link in res["links"]:
        groups.setdefault(link["group"], []).append(link)
    # display order; after a timeout the list may be stale or partial: a miss
    shown = [] if res["timeout"] else [x for x in res["links"] if not x["folded"]]

    def short(href: str) -> str:
        p = urlsplit(href)
        s = p.path[len(urlsplit(base).path):] or "/"
        return s + (f"#{p.fragment}" if p.fragment else "")

    rank = page_rank = None
    hit = None
    checked: dict[int, bool] = {}
    for pos, link in enumerate(shown, start=1):
        g = link["group"]
        if g not in checked:
            text = ms.page_text(link["href"])
            checked[g] = bool(text and rx.search(text["page"]))
        if checked[g] and rank is None:
            rank, page_rank = pos, g + 1
            text = ms.page_text(link["href"])
            hit = {"title": groups[g][0]["title"], "url": short(groups[g][0]["href"]),
                   "where": "page"}
            for sec in groups[g]:                 # prefer a matching section
                frag = unquote(urlsplit(sec["href"]).fragment)
                if frag and rx.search(text["sections"].get(frag, "")):
                    hit = {"title": sec["title"], "url": short(sec["href"]),
                           "where": "section"}
                    break
        if rank is not None and pos >= top:
            break

    notes = []
    if res["typed"] != q["query"]:
        notes.append(f"box holds {_clip(res['typed'] or '', 30)!r}")
    if res["timeout"]:
        notes.append("timeout")
    if res["invalid"]:
        notes.append("invalid query (lunr parse error)")
    if not res["links"] and not res["timeout"]:
        notes.append("no results")
    return {
        "query": q["query"], "family": q["family"], "expect": q["expect"],
        "source_url": q["source_url"], "line": q["line"],
        "rank": rank, "page_rank": page_rank, "hit": hit,
        "no_results": not res["links"] and not res["timeout"], "timeout": res["timeout"],
        "invalid_query": res["invalid"], "note": "; ".join(notes),
        "meta": res["meta"], "ms": res["ms"],
        "results": [{"rank": i, "page": link["group"] + 1, "title": link["title"],
                     "url": short(link["href"]),
                     "page_hit": checked.get(link["group"])}
                    for i, link in enumerate(shown[:max(top, 10)], start=1)],
    }


def summarize(rows: list[dict], top: int, unit: str) -> dict:
    key = "rank" if unit == "link" else "page_rank"

    def stats(rs: list[dict], k: str) -> dict:
        m = len(rs)
        h1 = sum(1 for r in rs if r[k] == 1)
        hk = sum(1 for r in rs if r[k] is not None and r[k] <= top)
        mrr = sum(1.0 / r[k] for r in rs if r[k]) / m if m else 0.0
        return {"n": m, "hit1": h1 / m if m else 0.0, "hit1_count": h1,
                f"hit{top}": hk / m if m else 0.0, f"hit{top}_count": hk, "mrr": mrr}

    fams: dict[str, list[dict]] = {}
    for r in rows:
        fams.setdefault(r["family"], []).append(r)
    other = "page" if unit == "link" else "link"
    return {
        "unit": unit, "top": top, **stats(rows, key),
        other: stats(rows, "page_rank" if other == "page" else "rank"),
        "no_results": sum(r["no_results"] for r in rows),
        "timeouts": sum(r["timeout"] for r in rows),
        "invalid_queries": sum(r["invalid_query"] for r in rows),
        "per_family": {f: stats(rs, key) for f, rs in sorted(fams.items())},
    }


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------

def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Measure how well MkDocs Material's search finds the right page, "
                    "using headless Chromium.")
    ap.add_argument("site_dir", type=Path, help="built site (mkdocs build output)")
    ap.add_argument("queries", type=Path, help="TSV: query, family, expect, source_url")
    ap.add_argument("--top", type=int, default=3, help="K for hit@K (default 3)")
    ap.add_argument("--json", type=Path, help="write per-query results + summary here")
    ap.add_argument("--min-hit1", type=float, default=0.0,
                    help="exit 1 if hit@1 is below this (default 0.0)")
    ap.add_argument("--unit", choices=("link", "page"), default="link",
                    help="rank by flattened result link (default) or by result page")
    ap.add_argument("--browser", default=None,
                    help=f"Chromium executable (default {DEFAULT_BROWSER} or `chromium` on PATH)")
    args = ap.parse_args(argv)
    top = max(1, args.top)
    t_start = time.monotonic()

    try:
        start_page = check_site(args.site_dir)
        queries = load_queries(args.queries)
        browser_path = args.browser or (DEFAULT_BROWSER if Path(DEFAULT_BROWSER).exists()
                                        else shutil.which("chromium") or DEFAULT_BROWSER)
        if not Path(browser_path).is_file():
            raise SetupError(f"browser not found: {browser_path} "
                             "(apt-get install -y chromium, or pass --browser)")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise SetupError("Python package 'playwright' missing (pip install playwright)")
    except SetupError as e:
        print(f"search_eval: setup error: {e}", file=sys.stderr)
        return 2

    httpd, base = serve(args.site_dir)
    rows: list[dict] = []
    try:
        with sync_playwright() as pw:
            ms = MaterialSearch(pw, browser_path, base + start_page)
            print(f"{'rank':>4}  {'query':<70}  top-1 title")
            for q in queries:
                r = score_query(ms, q, top, base)
                rows.append(r)
                top1 = r["results"][0]["title"] if r["results"] else ""
                rank = str(r["rank"]) if r["rank"] else "-"
                note = f"  [{r['note']}]" if r["note"] else ""
                print(f"{rank:>4}  {_clip(q['query'], 70):<70}  "
                      f"{_clip(top1, MAX_TITLE)}{note}", flush=True)
            ms.close()
    except SetupError as e:
        print(f"search_eval: setup error: {e}", file=sys.stderr)
        return 2
    except Exception:                   # browser crash etc.: not a score
        traceback.print_exc()
        print(f"search_eval: aborted after {len(rows)} queries", file=sys.stderr)
        return 2
    finally:
        httpd.shutdown()

    s = summarize(rows, top, args.unit)
    elapsed = time.monotonic() - t_start
    other = "page" if args.unit == "link" else "link"
    o = s[other]
    print()
    print(f"{s['n']} queries, {elapsed:.1f} s; ranks by result {args.unit}"
          f" (by {other}: hit@{top} {o[f'hit{top}']:.2f}, MRR {o['mrr']:.2f})")
    print(f"no results: {s['no_results']}, invalid queries: {s['invalid_queries']}, "
          f"timeouts: {s['timeouts']}")
    print("per-family hit@1: " + ", ".join(
        f"{f} {st['hit1']:.2f} ({st['hit1_count']}/{st['n']})"
        for f, st in s["per_family"].items()))
    if args.json:
        s["elapsed_s"] = round(elapsed, 2)
        s["site_dir"] = str(args.site_dir)
        s["queries_file"] = str(args.queries)
        args.json.write_text(json.dumps({"summary": s, "queries": rows},
                                        indent=2, ensure_ascii=False) + "\n")
    print(f"search hit@1 {s['hit1']:.2f} ({s['hit1_count']}/{s['n']}), "
          f"hit@{top} {s[f'hit{top}']:.2f}, MRR {s['mrr']:.2f}")
    return 1 if s["hit1"] < args.min_hit1 else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:          # e.g. piped into `head`
        sys.exit(0)
