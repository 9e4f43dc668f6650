"""The site in a real browser (Debian's chromium driven by Playwright), served from a
sub-path (/kb/) as an internal host would, with every outside request blocked."""
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kb.tools import links
from kb.engine import snippets

CHROMIUM = "/usr/bin/chromium"
SHOTS = snippets.ROOT / "artifacts" / "screenshots"
# --proxy-server: every request to another host goes to a proxy that is not there, so it
# fails (loopback, where the site is served, bypasses a proxy)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--proxy-server=http://127.0.0.1:9"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(site, tmp_path_factory):
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(site, root / "kb")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/kb/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: `make test` installs Debian's chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def guarded(pg, base_url):
    """pg with its outside requests (which ARGS make fail) recorded in pg.outside, and its
    console errors in pg.errors."""
    pg.outside, pg.errors = [], []
    ours = (base_url.split("/kb/")[0] + "/", "data:", "blob:")
    pg.on("request", lambda r: r.url.startswith(ours) or pg.outside.append(r.url))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    return pg


@pytest.fixture
def page(browser, base_url):
    """A page whose outside requests are blocked and recorded, as are console errors."""
    context = browser.new_context()
    yield guarded(context.new_page(), base_url)
    context.close()


def pages(site):
    return sorted({u.split("#")[0] for u in links.site_urls(site)})


ANSWER = """() => {
  const first = document.querySelector("article h1 + *");
  const note = document.querySelector("article details.kb-verified");
  const box = first && first.getBoundingClientRect();
  return first && {tip: first.matches(".admonition.tip"), text: first.innerText,
    title: (first.querySelector(".admonition-title") || {}).innerText,
    bottom: box.y + box.height, note: note && note.getBoundingClientRect().height};
}"""


@pytest.fixture(scope="module")
def visits(browser, base_url, site):
    """Every page visited once, on a phone's screen (390x844), with outside requests blocked:
    {url: (h1 count, outside requests, console errors, what follows the H1)}. The tests below
    share it, so each page's load (its search index built again) is paid once."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = guarded(context.new_page(), base_url)
    seen, starts = {}, []
    for url in pages(site):
        # at "load", not "networkidle" (0.5 s a page): what a page makes later is recorded
        # until the next page starts, or until the network is idle after the last one
        starts.append((len(pg.outside), len(pg.errors)))
        pg.goto(base_url + url.lstrip("/"), wait_until="load")
        seen[url] = [pg.locator("article h1").count(), pg.evaluate(ANSWER)]
    pg.wait_for_load_state("networkidle")
    ends = starts[1:] + [(len(pg.outside), len(pg.errors))]
    for (url, (h1, answer)), (o, e), (o2, e2) in zip(list(seen.items()), starts, ends):
        seen[url] = (h1, pg.outside[o:o2], pg.errors[e:e2], answer)
    context.close()
    return seen


def test_every_page_loads_offline_with_no_outside_request_and_no_console_error(visits):
    assert len(visits) >= 30
    for url, (h1, outside, errors, _) in visits.items():
        assert h1 == 1, url
        assert outside == [], f"{url}: outside requests {outside}"
        assert errors == [], f"{url}: console errors {errors}"


def test_an_outside_request_is_recorded_and_fails(page, base_url):
    """What the checks above rely on: the guard sees a request to another host, and the
    browser does not make it; the site's own files still load."""
    page.goto(base_url, wait_until="load")
    fetch = "u => fetch(u).then(r => r.status, e => e.name)"
    assert page.evaluate(fetch, "https://fonts.googleapis.com/css?family=Roboto") == "TypeError"
    assert page.evaluate(fetch, "http://192.0.2.1/x") == "TypeError"
    assert page.outside == ["https://fonts.googleapis.com/css?family=Roboto", "http://192.0.2.1/x"]
    assert page.evaluate(fetch, base_url + "search/search_index.json") == 200
    assert len(page.outside) == 2


def test_home_page_renders_the_message_table(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    assert "Start here" in page.title()
    assert page.locator("article table tr").count() >= 5
    page.locator("article table a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(base_url) and "#" in page.url


def test_search_finds_a_pasted_error_message(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.insert_text("Could not locate class 'ScaleLayer'")
    page.keyboard.press("End")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10000)
    assert "fix-custom-layer" in first.get_attribute("href")


def test_on_a_phone_the_search_button_opens_search_and_enter_follows_the_best_result(page, base_url):
    """The site runs without Material's bundle (docs/javascripts/site.js): the header's search
    button, the result list, Enter and Escape still work as Material's did. The button both
    focuses the box and toggles the dialog; done in the wrong order, it closed at once."""
    page.set_viewport_size({"width": 412, "height": 823})
    page.goto(base_url + "security/", wait_until="load")
    assert page.evaluate("[...document.scripts].every(s => !/bundle\\./.test(s.src))")
    page.click("label.md-header__button[for=__search]")
    page.keyboard.type("Could not locate class ScaleLayer")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10000)  # visible: the dialog stayed open
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fix-custom-layer/**")
    assert page.errors == [] and page.outside == []


def test_pasted_search_text_is_cleaned_of_search_syntax(page, base_url):
    """lunr would drop `ValueError:` (a field name) and require quoted words; the site's
    clean-query.js turns that punctuation into spaces before Material searches."""
    page.goto(base_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.insert_text('ValueError: Unknown layer: "TFOpLambda"')
    page.keyboard.press("End")
    box = page.locator(".md-search__input")
    assert box.input_value() == "ValueError  Unknown layer   TFOpLambda "
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10000)
    assert "keras2-to-keras3" in first.get_attribute("href")
    # stop words go once a space follows them (the index has none; as prefixes they
    # matched any title word, "a*" -> "activations"); a word being typed is never cut
    box.fill("")
    page.keyboard.insert_text("is a Python lambda")
    assert box.input_value() == "  Python lambda"
    box.fill("")
    page.keyboard.type("a")
    assert box.input_value() == "a"


SEARCH_QUERIES = snippets.ROOT / "tests" / "search_queries.tsv"
# measured 0.95 on 59 queries; with the eleven pages of issue 13 and their 24 real queries,
# 0.89 (115/129; their own families 1.00, older general queries lost rank 1 to the new
# pages): the floor holds that figure until the ranking is tuned again (issue 16)
# ranked by rule (title words at 4, nav-section weights, generated tables out of the index):
# 0.92 (119/129); the floor one query below. Without the 7 rows whose threads are held out for
# outside measurement (../shared/eval/heldout_sources.sha256), after issue 35's matcher and with
# docs/next.md out of the index: 0.94 (116/123); the floor one query below. With the sections'
# prose in the matcher (issue 35, match.BODY 0.25): 0.94 (116/123); at BODY 0.5, 115/123; with an
# unsure case that Material's first five also hold put first: 0.95 (117/123)
MIN_HIT1 = 0.93


def test_search_eval_on_pasted_error_messages(site, tmp_path):
    """The team's search evaluation (real browser, Material's own search) on the dev
    queries plus this site's own: hit@1 may not fall, and every query finds something."""
    import json

    out = tmp_path / "eval.json"
    proc = subprocess.run([sys.executable, str(snippets.ROOT / "tools" / "search_eval.py"), str(site),
                           str(SEARCH_QUERIES), "--json", str(out), "--min-hit1", str(MIN_HIT1),
                           "--browser", CHROMIUM], capture_output=True, text=True)
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    print(summary)
    assert proc.returncode == 0, summary + "\n" + proc.stdout[-3000:]
    assert json.loads(out.read_text())["summary"]["no_results"] == 0, summary


ACTIVE_TAB = ("(ls) => ls.map(l => document.getElementById(l.htmlFor).checked ? l.innerText : null)"
              ".filter(Boolean)")


def active_tabs(page, label):
    """The selected label of every tab set that offers ``label`` (a str: as a part of a label;
    a compiled pattern: matching it)."""
    sets = page.locator(".tabbed-set").filter(
        has=page.locator(":scope > .tabbed-labels > label", has_text=label))
    return [sets.nth(i).locator(":scope > .tabbed-labels > label").evaluate_all(ACTIVE_TAB)
            for i in range(sets.count())]


def test_content_tabs_switch_and_stay_linked(page, base_url):
    page.goto(base_url + "h5-vs-keras/", wait_until="networkidle")
    assert len(active_tabs(page, ".h5")) >= 2
    first = page.locator(".tabbed-set").filter(has=page.locator("label", has_text=".h5")).first
    first.locator(".tabbed-labels > label", has_text=".h5").click()
    assert all(a == [".h5"] for a in active_tabs(page, ".h5"))  # both sets follow
    assert page.locator(".tabbed-block:visible pre", has_text="lambda_model.h5").count() >= 1


def test_runtime_tabs_are_linked_across_pages(page, base_url):
    """A tab that names one release (its label derived from the registry) is chosen once
    and stays chosen on every tab set and every page that offers the same label."""
    from kb.engine import runtimes

    label = runtimes.newest("keras2").tab
    exact = re.compile(rf"^{re.escape(label)}$")
    page.goto(base_url + "why-unknown-layer-lambda/", wait_until="networkidle")
    page.locator(".tabbed-labels > label", has_text=exact).first.click()
    label_sets = active_tabs(page, exact)
    assert len(label_sets) >= 2 and all(a == [label] for a in label_sets)
    page.goto(base_url + "fix-custom-layer/", wait_until="networkidle")  # chosen once, kept
    tabs = active_tabs(page, exact)
    assert tabs and all(a == [label] for a in tabs)


def test_code_blocks_have_a_copy_button(page, base_url):
    """Blocks are mounted as they come into view (docs/javascripts/site.js): each one gets its button
    once it is shown, and one never shown has none yet."""
    page.goto(base_url + "fix-custom-layer/", wait_until="networkidle")
    pre = page.locator("article pre")
    last = pre.nth(pre.count() - 1)
    assert pre.count() > 1 and last.locator('button[data-md-type="copy"]').count() == 0
    for i in range(pre.count()):
        block = pre.nth(i)
        if block.is_visible():  # not in a hidden content tab
            block.scroll_into_view_if_needed()
            block.locator('button[data-md-type="copy"]').wait_for(timeout=5000)
    shown = [pre.nth(i) for i in range(pre.count()) if pre.nth(i).is_visible()]
    assert shown and all(b.locator('button[data-md-type="copy"]').count() == 1 for b in shown)


def test_the_search_index_loads_when_the_reader_searches_or_the_page_is_idle(page, base_url):
    """search_index.json was a long task during every page's load. It is fetched (by the search
    worker, which parses it off the main thread) at once when the search box gets the focus
    (here by the "/" key), and the search answers; without a search, only once the page has
    been idle for 3 s after its load."""
    asked = []
    page.on("request", lambda r: "search_index.json" in r.url and asked.append(time.monotonic()))
    page.goto(base_url + "security/", wait_until="load")
    loaded = time.monotonic()
    page.wait_for_timeout(1000)
    assert asked == []
    page.keyboard.press("/")
    page.keyboard.type("bad marshal data")
    page.locator(".md-search-result__list > li").first.wait_for(timeout=10000)
    assert len(asked) == 1 and asked[0] - loaded < 3
    page.goto(base_url + "security/", wait_until="load")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                           ".textContent.trim() === 'Type to start searching'", timeout=15000)
    after = page.evaluate("() => performance.getEntriesByType('resource')"  # the worker that fetches it
                          ".find(e => e.name.includes('search-worker.js')).startTime"
                          " - performance.getEntriesByType('navigation')[0].loadEventStart")
    assert len(asked) == 2 and after >= 3000, after  # by the page's own clock
    assert page.errors == [] and page.outside == []


def test_notebook_page_is_styled_by_the_shared_sheet_and_downloads_the_ipynb(page, base_url):
    import json

    page.goto(base_url + "walkthrough/", wait_until="networkidle")
    colour = "(e) => getComputedStyle(e).color"
    keyword = page.locator(".highlight-ipynb .kn").first.evaluate(colour)  # `import`
    name = page.locator(".highlight-ipynb .nn").first.evaluate(colour)  # `os`
    assert keyword != name  # syntax colours come from the shared stylesheet
    error = page.locator(".celltag_raises-exception .jp-OutputArea-output").first
    assert error.evaluate("(e) => getComputedStyle(e).backgroundColor") not in (
        "rgba(0, 0, 0, 0)", "transparent")
    assert "Requested the deserialization" in error.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download notebook").click()
    nb = json.loads(Path(download.value.path()).read_text())
    assert download.value.suggested_filename == "walkthrough.ipynb"
    assert nb["nbformat"] == 4 and any(c.get("outputs") for c in nb["cells"])


def test_404_page_suggests_search(page, base_url):
    page.goto(base_url + "no-such-page/", wait_until="networkidle")
    # the static server returns its own 404; the site's 404 page is what a host serves
    page.goto(base_url + "404.html", wait_until="networkidle")
    assert "search box" in page.locator("article").inner_text()


@pytest.mark.parametrize("width, height, name", [(1280, 900, "desktop"), (390, 844, "mobile")])
def test_screenshots_and_no_horizontal_scroll(browser, base_url, width, height, name):
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for slug in ["", "why-unknown-layer-lambda/", "fix-custom-layer/", "walkthrough/", "matrix/"]:
        pg.goto(base_url + slug, wait_until="networkidle")
        overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{slug or 'home'} at {width}px scrolls sideways by {overflow}px"
        pg.screenshot(path=str(SHOTS / f"{(slug.strip('/') or 'home')}-{name}.png"))
    context.close()


def test_every_error_page_opens_with_its_answer_above_the_fold_on_a_phone(visits):
    """At 390x844 the first thing under an error page's H1 is the answer box (case, fix), and
    all of it is on the first screen, the one-line verified note right after it. Error pages
    are the pages the message index links a recorded message to, however many there are."""
    from kb.site.messages import exact
    from kb.site import html as kbhtml

    errors = kbhtml.error_pages(exact.collect())
    assert len(errors) >= 10
    late = []
    for page in errors:
        answer = visits["/" + page.removesuffix(".md") + "/"][3]
        assert answer and answer["tip"], f"{page}: no answer box after the H1"
        assert answer["title"] == "Answer", page
        assert "Case:" in answer["text"] and "Fix:" in answer["text"], page
        assert answer["note"] is not None and answer["note"] < 40, \
            f"{page}: the verified note takes {answer['note']}px"
        if answer["bottom"] > 844:
            late.append(f"{page}: the answer ends at {answer['bottom']:.0f}px")
    assert not late, late


def test_the_version_picker_shows_what_the_picked_release_did(page, base_url):
    """Pick a release: each case of the scan shows that release's recorded result, the
    advisories that apply to it are named, and nothing is fetched."""
    from kb.site.tables import advisories, versions
    from kb.engine import runtimes

    data = versions.scan()
    picked = runtimes.newest("keras3==3.10.*").name
    page.goto(base_url + "your-version/", wait_until="networkidle")
    # every release is offered in the page's HTML, and nothing shows before one is picked
    # (a table drawn at load moved the whole page: Lighthouse's layout shift 0.40)
    offered = page.eval_on_selector_all("#kb-pick option", "els => els.map(e => e.value)")
    assert offered[0] == "" and sorted(offered[1:]) == sorted(runtimes.RELEASES)  # never a preview
    assert page.locator("#kb-picked").inner_text() == ""
    page.select_option("#kb-pick", picked)
    shown = page.locator("#kb-picked tr").evaluate_all(
        "rows => rows.slice(0).map(r => Array.from(r.cells).map(c => c.innerText))")
    shown = sorted((row[0], row[1].split(" the answer")[0].strip()) for row in shown
                   if row[0] != "Case")
    source = (snippets.ROOT / "docs" / "your-version.md").read_text()
    keys = re.findall(r"kb:version-(?:table|grid) (\S+)", source)
    want = sorted((case, per[picked].text) for key in keys
                  for case, per in data[key].items() if picked in per)
    diff = [(a, b) for a, b in zip(shown, want) if a != b][:1]
    assert shown and len(shown) == len(want) and not diff, diff
    applies = [a.id for a in advisories.load() if picked in a.releases()]
    assert applies and all(i in page.locator("#kb-picked p").first.inner_text() for i in applies)
    page.select_option("#kb-writer", runtimes.newest("keras3==3.13.*").name)
    rows = page.locator("#kb-picked tr td:first-child").all_inner_texts()
    assert rows and all(not r.startswith("keras3-3.15") for r in rows)
    assert page.outside == [] and page.errors == []


def test_the_version_results_are_plain_tables_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base_url + "your-version/")
    assert pg.locator("#kb-picked").inner_text() == ""
    text = pg.locator("xpath=//*[@id='own-files']/following::table[1]").inner_text()
    assert "lambda.h5, default" in text and "Keras 3." in text and "refuses" in text
    context.close()


# where a heading is, less the room its scroll-margin keeps free under the sticky header
JS_OFF_TARGET = """(id) => {
  const h = document.getElementById(id);
  return h.getBoundingClientRect().top - parseFloat(getComputedStyle(h).scrollMarginTop || 0);
}"""


def test_a_link_to_a_section_below_lazily_laid_out_tables_lands_on_it(site, page, base_url):
    """Tables off screen are laid out only near the viewport (a11y.css) and take their real
    height once the browser has scrolled: a link to a heading below them, opened or followed
    on the page, still lands on that heading (main.html scrolls to it again)."""
    lazy = [p for p in pages(site) if (site / p.lstrip("/") / "index.html").read_text(
        encoding="utf-8").count('class="kb-table"') >= 5]
    assert len(lazy) >= 2, lazy
    for url in lazy:
        html = (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        body = html[html.index('class="kb-table"'):]  # a heading after the first table
        ids = re.findall(r'<h2 id="([^"]+)"', body)
        target = ids[len(ids) // 2]
        page.goto(f"{base_url}{url.lstrip('/')}#{target}", wait_until="load")
        page.wait_for_timeout(300)
        assert abs(page.evaluate(JS_OFF_TARGET, target)) <= 2, (url, target, "opened")
        page.goto(f"{base_url}{url.lstrip('/')}", wait_until="load")
        page.evaluate("(id) => { location.hash = id; }", target)  # as a link on the page does
        page.wait_for_timeout(300)
        assert abs(page.evaluate(JS_OFF_TARGET, target)) <= 2, (url, target, "followed")
    page.goto(f"{base_url}{lazy[0].lstrip('/')}#%E0%A4%A", wait_until="load")  # not a valid escape
    page.wait_for_timeout(300)
    assert page.errors == [] and page.outside == []
