/* The site's script, in place of Material's bundle. Measured: the bundle's evaluation and
   its mount on DOMContentLoaded were long tasks on every page (190-600 ms at Lighthouse's
   mobile CPU, calibrated to this host), and a page without them scored 100. This keeps what
   a reader uses, with Material's markup, CSS and search worker (so its ranking and query
   syntax): search with its keys, copy buttons, linked content tabs, the table of contents
   that follows the reader, and back to top. Each part works when it is needed (a block in
   view, the box focused, a scroll), in small tasks, and nothing here forces a layout at load. */
(function () {
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("kb-js");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base + "/", location.href);
  function t(key, n) { return config.translations[key].replace("#", n); }
  function has(feature) { return config.features.indexOf(feature) >= 0; }
  function byHash(hash) {  // the element a #fragment names, or null (also for a malformed #%..)
    try { return document.getElementById(decodeURIComponent(hash.slice(1))); } catch (e) { return null; }
  }
  function all(selector, el) { return Array.prototype.slice.call((el || document).querySelectorAll(selector)); }
  function make(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { el.append(c); });
    return el;
  }

  // Work no reader waits for: once the page has been idle 3 s after its load event
  // (the search index below, matcher.js's messages.json beside the home page's paste box).
  window.kbWhenIdle = function (f) {
    var idle = window.requestIdleCallback || function (g) { setTimeout(g, 0); };
    var later = function () { setTimeout(function () { idle(f, {timeout: 2000}); }, 3000); };
    if (document.readyState === "complete") later(); else addEventListener("load", later);
  };

  /* ------------------------------------------------------------------ search */
  var toggle = document.getElementById("__search");
  var box = document.querySelector(".md-search__input");
  var result = document.querySelector(".md-search-result");
  var worker = null, ready = false, sent = null;
  var meta = result && result.querySelector(".md-search-result__meta");
  var list = result && result.querySelector(".md-search-result__list");
  var scroller = result && result.closest(".md-search__scrollwrap");

  function startSearch() {
    if (worker || !box) return;
    var url = new URL("javascripts/search-worker.js", base);
    url.searchParams.set("worker", new URL(config.search, location.href).href);
    worker = new Worker(url.href);
    worker.onmessage = function (event) {
      var msg = event.data;
      if (msg.type === 1) { ready = true; query(); }
      else if (msg.type === 3) show(msg.data.items);
      else if (msg.type === -1) meta.textContent = "Search is not available: " + msg.error;
    };
    worker.onerror = function (e) { meta.textContent = "Search is not available: " + (e.message || "its worker failed"); };
  }
  function query() {
    if (!ready || box.value === sent) return;
    sent = box.value;
    worker.postMessage({type: 2, data: sent});
  }
  function open(on) {
    if (toggle.checked === on) return;
    toggle.checked = on;
    toggle.dispatchEvent(new Event("change"));
  }

  // One page of results, as Material renders it: the page, its sections with the best score,
  // the others folded under "N more on this page".
  function doc(d, parent, teaser) {
    var url = new URL(d.location, base);
    var article = make("article", {"class": "md-search-result__article md-typeset", "data-md-score": d.score.toFixed(2)});
    if (parent) article.append(make("div", {"class": "md-search-result__icon md-icon"}));
    var title = make(parent ? "h1" : "h2");
    title.innerHTML = d.title;  // the worker's own markup: escaped text and <mark>
    article.append(title);
    if (teaser && d.text.length) article.insertAdjacentHTML("beforeend", d.text);
    var missing = Object.keys(d.terms).filter(function (k) { return !d.terms[k]; });
    if (teaser && missing.length) {
      var p = make("p", {"class": "md-search-result__terms"}, [t("search.result.term.missing") + ": "]);
      missing.forEach(function (k, i) { p.append(make("del", {}, [k])); if (i + 1 < missing.length) p.append(" "); });
      article.append(p);
    }
    return make("a", {"href": url.href, "class": "md-search-result__link", "tabindex": "-1"}, [article]);
  }
  function item(docs) {
    docs = docs.slice();
    var threshold = docs[0].score;
    var at = docs.findIndex(function (d) { return new URL(d.location, base).href.indexOf("#") < 0; });
    var article = docs.splice(at, 1)[0];
    var cut = docs.findIndex(function (d) { return d.score < threshold; });
    if (cut < 0) cut = docs.length;
    var best = docs.slice(0, cut), more = docs.slice(cut);
    var li = make("li", {"class": "md-search-result__item"}, [doc(article, true, !at && cut === 0)]);
    best.forEach(function (d) { li.append(doc(d, false, true)); });
    if (more.length) {
      var summary = make("summary", {"tabindex": "-1"}, [make("div", {}, [
        more.length === 1 ? t("search.result.more.one") : t("search.result.more.other", more.length)])]);
      li.append(make("details", {"class": "md-search-result__more"}, [summary].concat(more.map(function (d) { return doc(d, false, true); }))));
    }
    return li;
  }
  var rest = [];
  function show(items) {
    var n = items.length;
    meta.textContent = n === 0 ? t(box.value.length ? "search.result.none" : "search.result.placeholder")
      : n === 1 ? t("search.result.one") : t("search.result.other", n);
    list.innerHTML = "";
    items.slice(0, 10).forEach(function (i) { list.append(item(i)); });
    rest = items.slice(10);  // the others as the reader scrolls to the end of the list
  }
  if (box) {
    scroller.addEventListener("scroll", function () {
      if (rest.length && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 16)
        rest.splice(0, 4).forEach(function (i) { list.append(item(i)); });
    }, {passive: true});
    list.hidden = true;
    toggle.addEventListener("change", function () {
      list.hidden = !toggle.checked;
      list.setAttribute("role", toggle.checked ? "list" : "presentation");
      if (toggle.checked) startSearch();
      else if (/[?&]q=/.test(location.search)) {  // a deep link's query goes once search closes
        var url = new URL(location.href);
        url.searchParams.delete("q");
        history.replaceState({}, "", url.href);
      }
    });
    box.addEventListener("focus", function () {
      startSearch();
      // a moment later, as Material did: a click on the header's label focuses the box and
      // then toggles the checkbox itself, which would close what the focus opened
      setTimeout(function () { open(true); query(); }, 1);
    });
    box.addEventListener("keyup", query);
    box.form.addEventListener("reset", function () { setTimeout(function () { box.focus(); query(); }); });
    box.form.addEventListener("submit", function (e) { e.preventDefault(); });
    var label = document.querySelector("header [for=__search]");
    if (label) label.addEventListener("click", function () { box.focus(); });
    document.querySelector(".md-search").addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a")) open(false);
    });
    var q = new URL(location.href).searchParams.get("q");
    if (q !== null) { open(true); box.value = q; box.focus(); }
    window.kbWhenIdle(startSearch);
  }

  // Keys, as Material binds them: f, s or / open search; in search, Enter follows the best
  // result, Escape or Tab close it, the arrows move through the results.
  function typing(el) {
    if (!el) return false;
    if (el instanceof HTMLInputElement) return el.type !== "radio";
    return el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement || el.isContentEditable;
  }
  addEventListener("keydown", function (e) {
    if (!box || e.metaKey || e.ctrlKey || e.isComposing) return;
    var active = document.activeElement;
    if (!toggle.checked && active !== box) {  // the box opens search a moment after its focus
      if (typing(active)) return;
      if (e.key === "f" || e.key === "s" || e.key === "/") {
        box.focus();
        box.select();
        e.preventDefault();
      }
      return;
    }
    if (e.key === "Enter") {
      if (active !== box) return;
      var links = all(":first-child [href]", result).map(function (a) {
        return [a, parseFloat(a.firstElementChild.getAttribute("data-md-score"))];
      }).sort(function (a, b) { return b[1] - a[1]; });
      if (links.length) links[0][0].click();
      e.preventDefault();
    } else if (e.key === "Escape" || e.key === "Tab") {
      open(false);
      box.blur();
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      var els = [box].concat(all(":not(details) > [href], summary, details[open] [href]", result));
      var i = Math.max(0, els.indexOf(active));
      els[(i + els.length + (e.key === "ArrowUp" ? -1 : 1)) % els.length].focus();
      e.preventDefault();
    } else if (active !== box) {
      box.focus();
    }
  });

  /* ------------------------------------------------------------------ code blocks */
  // A copy button on each block as it comes into view (content.code.copy; Material's
  // markup), and a block wider than its box can take the focus, to be scrolled by keys.
  var copies = 0;
  function mountCode(code, wide) {
    var pre = code.parentElement;
    if (wide) code.setAttribute("tabindex", "0");
    if (!has("content.code.copy") || code.closest(".no-copy")) return;
    if (!pre.id) pre.id = "__code_" + copies++;
    var button = make("button", {"class": "md-code__button", "title": t("clipboard.copy"),
                                 "data-clipboard-target": "#" + pre.id + " > code", "data-md-type": "copy"});
    button.addEventListener("click", function () {
      var text = code.innerText.replace(/\n$/, "");
      (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject())
        .then(function () { button.title = t("clipboard.copied"); setTimeout(function () { button.title = t("clipboard.copy"); }, 2000); })
        .catch(function () { /* no clipboard (an insecure origin): the text stays selectable */ });
    });
    pre.insertBefore(make("nav", {"class": "md-code__nav"}, [button]), code);
  }
  var codes = all(".md-content pre > code");
  if (codes.length && "IntersectionObserver" in window) {
    var seen = new IntersectionObserver(function (entries) {
      var shown = entries.filter(function (en) { return en.isIntersecting; }).map(function (en) { return en.target; });
      // all the reads first (one layout), then the writes: read after write was one layout per block
      var wide = shown.map(function (c) { seen.unobserve(c); return c.scrollWidth > c.clientWidth; });
      shown.forEach(function (c, i) { mountCode(c, wide[i]); });
    });
    codes.forEach(function (c) { seen.observe(c); });
  }

  /* ------------------------------------------------------------------ content tabs */
  // The chosen label is marked (its underline), and with content.tabs.link choosing a label
  // chooses it in every set of the page and on the next pages (kept in localStorage).
  var KEY = "kb.tabs";
  function labelOf(input) { return document.querySelector('label[for="' + input.id + '"]'); }
  function mark(set) {
    all(":scope > .tabbed-labels > label", set).forEach(function (l) { l.classList.remove("kb-tab--active"); });
    var on = set.querySelector(":scope > input:checked") || set.querySelector(":scope > input");
    if (on) labelOf(on).classList.add("kb-tab--active");
  }
  function choose(text, except) {
    all(".tabbed-set").forEach(function (set) {
      all(":scope > input", set).forEach(function (input) {
        if (input !== except && labelOf(input).textContent.trim() === text && !input.checked) {
          input.checked = true;
          mark(set);
        }
      });
    });
  }
  var sets = all(".tabbed-set");
  sets.forEach(function (set) {
    mark(set);
    set.addEventListener("change", function (e) {
      if (e.target.parentElement !== set) return;
      mark(set);
      if (!has("content.tabs.link")) return;
      var text = labelOf(e.target).textContent.trim();
      var top = set.getBoundingClientRect().top;
      choose(text, e.target);
      scrollBy(0, set.getBoundingClientRect().top - top);  // the chosen set stays where it was
      try { localStorage.setItem(KEY, text); } catch (err) { /* storage refused */ }
    });
  });
  if (sets.length && has("content.tabs.link")) {
    var kept = null;
    try { kept = localStorage.getItem(KEY); } catch (err) { /* storage refused */ }
    if (kept) choose(kept, null);
  }

  /* ------------------------------------------------------------------ scroll */
  // On scroll, in one animation frame: the table of contents marks the section being read
  // (toc.follow keeps its link in view), and back to top shows while the reader scrolls up.
  var toc = all(".md-sidebar--secondary .md-nav__link[href^='#']");
  var heads = toc.map(function (a) { return byHash(a.hash); });
  var topButton = document.querySelector(".md-top");
  var lastY = scrollY, pending = false, current = null;
  function onScroll() {
    pending = false;
    var y = scrollY;
    if (topButton) {
      var hide = !(y < lastY && y > 0);
      if (topButton.hidden !== hide) {
        topButton.hidden = hide;
        if (hide) topButton.setAttribute("tabindex", "-1"); else topButton.removeAttribute("tabindex");
      }
    }
    lastY = y;
    var at = -1;
    for (var i = 0; i < heads.length; i++) {
      if (heads[i] && heads[i].getBoundingClientRect().top <= 80) at = i; else if (heads[i]) break;
    }
    var link = toc[at] || null;
    if (link === current) return;
    if (current) current.classList.remove("md-nav__link--active");
    current = link;
    toc.forEach(function (a, j) { a.classList.toggle("md-nav__link--passed", j < at); });
    if (link) {
      link.classList.add("md-nav__link--active");
      var wrap = link.closest(".md-sidebar__scrollwrap");
      if (has("toc.follow") && wrap) {
        var r = link.getBoundingClientRect(), w = wrap.getBoundingClientRect();
        if (r.top < w.top || r.bottom > w.bottom) wrap.scrollTop += r.top - w.top - w.height / 2;
      }
    }
  }
  addEventListener("scroll", function () {
    if (!pending) { pending = true; requestAnimationFrame(onScroll); }
  }, {passive: true});
  if (topButton) topButton.addEventListener("click", function () { scrollTo({top: 0}); });
  addEventListener("load", function () { requestAnimationFrame(onScroll); });  // layout is done by then

  /* ------------------------------------------------------------------ targets */
  // A link to a section inside a closed <details> opens it. And boxes laid out only near
  // the viewport (content-visibility, a11y.css) take their real height once the browser has
  // scrolled to a link's target: the target moves (40-60 px seen, more above a long table).
  // So, after a page opens on a #target or the reader follows one, it is scrolled to again,
  // a few frames later, until it holds still; never once the reader scrolls by hand.
  function openTarget() {
    var el = byHash(location.hash);
    for (var d = el && el.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
  }
  var gen = 0;
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
    addEventListener(type, function () { gen++; }, {passive: true, capture: true});
  });
  function settle() {
    var mine = ++gen, tries = 0, last = null, el = byHash(location.hash);
    if (!el) return;
    (function again() {
      requestAnimationFrame(function () { requestAnimationFrame(function () {
        if (mine !== gen) return;
        var top = el.getBoundingClientRect().top;
        if (last !== null && Math.abs(top - last) < 1) return;
        el.scrollIntoView();
        last = el.getBoundingClientRect().top;
        if (++tries < 5) again();
      }); });
    })();
  }
  addEventListener("hashchange", function () { openTarget(); settle(); });
  addEventListener("load", settle);  // this script runs at the end of the page's parse
  if (location.hash) openTarget();
})();
