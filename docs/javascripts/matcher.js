/* Paste your error, get your case: the message matcher (its data is messages.json, the
   catalogue kb/catalogue.py builds from the test suite's recorded runs).

   A pasted text (one line, a whole Python traceback, or TF.js console output with
   "file.js:LINE" prefixes and "Uncaught (in promise) Error:") is matched against every
   template:
   - exactly: a template's regular expression matches from the start of one of the
     text's error lines ("ValueError: ...", "Error: ..."); the longest match wins, and the
     card says which releases print exactly that wording;
   - else by its words: each template's words weighted by how rare they are among the
     templates; the template sharing the most weight with the text, relative to both the
     template and the text's known words, wins when that share is high enough. A template
     of a few common words ("'{name}' object is not callable") matches only exactly.
   The value in a placeholder can decide the answer ("Unknown layer: 'TFOpLambda'").

   In the search dialog a match becomes the first result, above Material's own; the home
   page's paste box shows it as a card. Nothing is fetched but messages.json, from this site. */
(function () {
  "use strict";
  var STOP = window.kbStopWords || {};  // clean-query.js, loaded before this file
  var MAX_TEXT = 20000;      // characters of a paste looked at (its end: the error is last)
  var MIN_SCORE = 0.5;       // share of weight a word match needs
  var MIN_WORDS = 4;         // a template with fewer words matches only exactly

  function words(text) {
    var out = [], parts = String(text).toLowerCase().split(/[^a-z0-9]+/);
    for (var i = 0; i < parts.length; i++) {
      var w = parts[i];
      if (w.length > 1 && !STOP[w] && !/^\d+$/.test(w)) out.push(w);
    }
    return out;
  }

  function literal(template) {  // the template without its placeholders
    return template.replace(/\{\{|\}\}/g, " ").replace(/\{\w+\}/g, " ");
  }

  function prepare(data) {
    var list = data.templates.filter(function (t) { return t.answer; });
    var df = {};
    list.forEach(function (t) {
      var parts = t.template.split(" \u2026 ");
      t._units = [t.template].concat(parts.length > 1 ? parts : []).map(function (p) {
        var set = {};
        words(literal(p)).forEach(function (w) { set[w] = true; });
        return set;
      });
      t._words = Object.keys(t._units[0]).length;
      t.parts = parts.length;
      Object.keys(t._units[0]).forEach(function (w) { df[w] = (df[w] || 0) + 1; });
      try { t._re = new RegExp("^(?:" + t.regex + ")"); } catch (e) { t._re = null; }
      try { t._head = t.head_regex ? new RegExp("^(?:" + t.head_regex + ")") : null; } catch (e) { t._head = null; }
    });
    var weight = {};
    Object.keys(df).forEach(function (w) { weight[w] = Math.log(1 + list.length / df[w]); });
    list.forEach(function (t) {
      t._units = t._units.map(function (set) {
        var total = 0;
        Object.keys(set).forEach(function (w) { total += weight[w]; });
        return {set: set, total: total};
      });
    });
    return {templates: list, weight: weight};
  }

  // The text as a reader pastes it, without what consoles and tracebacks put around it.
  function clean(text) {
    text = String(text == null ? "" : text);
    if (text.length > MAX_TEXT) text = text.slice(text.length - MAX_TEXT);
    return text
      .replace(/[\uD800-\uDFFF]/g, " ")                               // lone surrogates
      .replace(/^[ \t]*[\w.\-\/]+\.m?js:\d+(?::\d+)?[ \t]+/gm, "")   // bundle.min.js:2
      .replace(/^[ \t]*at [^\n]*$/gm, "")                             // JS stack frames
      .replace(/Uncaught (?:\(in promise\) )?/g, "")
      .replace(/^[ \t]*File "[^"\n]*", line \d+[^\n]*$/gm, "");       // Python frames
  }

  // Where a message may start: the text's start, each line's, each "SomeError: " (and just
  // after it, where a quoted cause starts, with that name), each sentence's.
  function starts(text) {
    var out = [{pos: 0}], re = /(^|\n|[\s(>])((?:[A-Za-z_][\w.]*\.)?([A-Z]\w*): )|(\n|\. |: )(?=\S)|Exception encountered: /g, m;
    while ((m = re.exec(text)) && out.length < 400) {
      if (m[2]) {
        var at = m.index + m[1].length;
        out.push({pos: at}, {pos: at + m[2].length, exc: m[3]});
      } else out.push({pos: m.index + m[0].length});
    }
    return out;
  }

  function known(t, groups) {  // a template of few words: its value must be one seen in a run
    if (t._words >= MIN_WORDS) return true;
    return groups.some(function (g) {
      return g && (t.seen || []).some(function (s) {  // the same name, or a dotted part of it
        return s === g || s.indexOf(g + ".") === 0 || g.indexOf(s + ".") === 0;
      });
    });
  }

  function overlap(index, t, seen) {  // the weight of the text's words in a template's
    var shared = 0;
    Object.keys(t._units[0].set).forEach(function (w) { if (seen[w]) shared += index.weight[w]; });
    return shared;
  }

  function exact(index, text) {
    var full = null, head = null, pos = starts(text), seen = {};
    words(text).forEach(function (w) { seen[w] = true; });
    for (var i = 0; i < pos.length; i++) {
      var rest = text.slice(pos[i].pos, pos[i].pos + 6000);
      for (var j = 0; j < index.templates.length; j++) {
        var t = index.templates[j], m;
        // the longest match; of equals, the template with fewer placeholders (more of its
        // wording matched as written: "Expected: []" over "Expected: [{names}]")
        if (t._re && (m = t._re.exec(rest)) && known(t, m.slice(1)) && (!full || m[0].length > full.length
            || (m[0].length === full.length && t.placeholders.length < full.t.placeholders.length)))
          full = {t: t, length: m[0].length};
        // a cause quoted after another exception's name is another error
        if (!full && t._head && !(pos[i].exc && t.exception && pos[i].exc !== t.exception && t.parts === 1)
            && (m = t._head.exec(rest)) && known(t, m.slice(1))) {
          // the longest; then the one raised under the name the text gives; then the one
          // sharing most of the text's other words
          var len = m[0].length + (pos[i].exc && pos[i].exc === t.exception ? 1000 : 0);
          var more = overlap(index, t, seen);
          if (!head || len > head.length || (len === head.length && more > head.more))
            head = {t: t, length: len, more: more};
        }
      }
    }
    return full ? {t: full.t, exact: true} : head ? {t: head.t, exact: false} : null;
  }

  function byWords(index, text) {
    var seen = {}, total = 0;
    words(text).forEach(function (w) {
      if (index.weight[w] && !seen[w]) { seen[w] = true; total += index.weight[w]; }
    });
    if (!total) return null;
    var best = null;
    index.templates.forEach(function (t) {
      if (t._words < MIN_WORDS) return;
      t._units.forEach(function (u) {
        var shared = 0;
        Object.keys(u.set).forEach(function (w) { if (seen[w]) shared += index.weight[w]; });
        if (!shared) return;
        var p = shared / total, c = shared / u.total, f = 2 * p * c / (p + c);
        if (!best || f > best.score + 1e-9) best = {t: t, score: f};
      });
    });
    return best && best.score >= MIN_SCORE ? best : null;
  }

  function has(text, value) {
    var i = text.indexOf(value);
    while (i >= 0) {
      var before = text.charAt(i - 1), after = text.charAt(i + value.length);
      if (!/\w/.test(before) && !/\w/.test(after)) return true;
      i = text.indexOf(value, i + 1);
    }
    return false;
  }

  // The answer for the values the text holds: a value seen in a run leads to its section.
  // The set the text holds most of wins, all of a set before part of one: a message of few
  // words is matched when one of its values was seen ("'_UserObject' object has no
  // attribute 'add_slot'"), and that value names the case.
  function answerFor(t, text) {
    var best = null, bestShare = 0, bestCount = 0;
    (t.values || []).forEach(function (v) {
      var named = v.values.filter(function (x) { return x.indexOf(".") < 0 || x.indexOf(" ") >= 0; });
      var key = named.length ? named : v.values;
      var count = key.filter(function (x) { return has(text, x.replace(/^'|'$/g, "")); }).length;
      var share = count / key.length;
      if (count && (share > bestShare || (share === bestShare && count > bestCount))) {
        best = v.answer; bestShare = share; bestCount = count;
      }
    });
    return best || t.answer;
  }

  function match(index, raw) {
    if (!index || raw == null) return null;
    var text = clean(raw);
    if (!text.trim()) return null;
    var hit = exact(index, text);
    if (hit) return {template: hit.t, exact: hit.exact, starts: !hit.exact, answer: answerFor(hit.t, text)};
    var near = byWords(index, text);
    if (near) return {template: near.t, exact: false, score: near.score, answer: answerFor(near.t, text)};
    return null;
  }

  var api = {words: words, prepare: prepare, match: match, clean: clean};
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---- the page: load the data, the search dialog's first result, the paste box ---- */
  window.kbMatcher = api;
  var root = (typeof __md_scope !== "undefined") ? __md_scope : new URL(".", location);
  var index = null, loading = null;

  function load() {
    if (!loading) {
      loading = fetch(new URL("messages.json", root)).then(function (r) { return r.json(); })
        .then(function (d) { index = prepare(d); api.index = index; refresh(); })
        .catch(function () { loading = null; });
    }
    return loading;
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  function url(u) { return new URL(u, root).href; }

  function printedBy(m) {
    return m.exact ? "This wording is printed by " + m.template.printed_by + "."
      : m.starts ? "A message that starts this way is printed by " + m.template.printed_by + "."
      : "Closest wording in the catalogue (yours differs), printed by " + m.template.printed_by + ".";
  }

  // ---- the search dialog: the match becomes the first result
  var searchMatch = null;

  function searchText(box) {
    // clean-query.js rewrites the box for lunr; the text as pasted is kept on the box
    var raw = box.kbRaw;
    return raw && box.kbCleaned === box.value ? raw : box.value;
  }

  function ensureFirst() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    var mine = list.querySelector("li.kb-match");
    var want = searchMatch && (searchMatch.template.id + " " + searchMatch.answer.url);
    if (mine && (!want || mine.getAttribute("data-kb") !== want)) { mine.remove(); mine = null; }
    if (!want || (mine && list.firstElementChild === mine)) return;
    if (mine) { list.insertBefore(mine, list.firstChild); return; }
    var m = searchMatch, a = m.answer;
    var item = el("li", {"class": "md-search-result__item kb-match", "data-kb": want}, [
      el("a", {"href": url(a.url), "class": "md-search-result__link", "tabindex": "-1"}, [
        el("article", {"class": "md-search-result__article md-typeset"}, [
          el("div", {"class": "md-search-result__icon md-icon"}),
          el("h1", {}, [a.title]),
          el("p", {}, [(m.exact ? "Your message: " : "Closest message: ") + m.template.id + ". " + printedBy(m)])
        ])
      ])
    ]);
    list.insertBefore(item, list.firstChild);
  }

  function onSearchInput(box) {
    var text = searchText(box);
    searchMatch = index && text.trim() ? match(index, text) : null;
    ensureFirst();
  }

  // ---- the paste box (home page)
  function renderCard(out, m, text) {
    out.textContent = "";
    if (!text.trim()) return;
    if (!index) { out.appendChild(el("p", {}, ["Loading the message catalogue\u2026"])); return; }
    if (!m) {
      var search = el("a", {"href": "#", "class": "kb-card__search"}, ["search the site for it"]);
      search.addEventListener("click", function (e) { e.preventDefault(); openSearch(text); });
      out.appendChild(el("div", {"class": "kb-card kb-card--none"}, [
        el("p", {}, ["No message this site's examples print matches it; ", search, "."])]));
      return;
    }
    var a = m.answer, t = m.template;
    var card = el("div", {"class": "kb-card"}, [
      el("p", {"class": "kb-card__case"}, [el("strong", {}, ["Your case: "]), a.case || (a.title + " (" + a.page_title + ")")]),
      el("p", {}, [printedBy(m)]),
      el("p", {"class": "kb-card__fix"}, [el("strong", {}, ["Fix: "]),
        el("a", {"href": url(a.url)}, [a.fix ? a.fix : a.title])]),
      el("p", {"class": "kb-card__id"}, ["Message ", t.url ? el("a", {"href": url(t.url)}, [t.id]) : t.id,
        ": ", el("code", {}, [t.template.length > 160 ? t.template.slice(0, 157) + "\u2026" : t.template])])
    ]);
    out.appendChild(card);
  }

  function openSearch(text) {
    var toggle = document.getElementById("__search"), box = document.querySelector(".md-search__input");
    if (!toggle || !box) return;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    box.value = text.slice(0, 500);
    box.dispatchEvent(new Event("input", {bubbles: true}));
    box.focus();
    box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  }

  var boxes = [];
  function refresh() {
    boxes.forEach(function (b) { b(); });
    var box = document.querySelector(".md-search__input");
    if (box && box.value) onSearchInput(box);
  }

  function setup() {
    document.querySelectorAll(".kb-paste").forEach(function (form) {
      var input = form.querySelector("textarea"), out = form.querySelector(".kb-paste__out");
      if (!input || !out) return;
      var update = function () {
        var t0 = performance.now();
        renderCard(out, index ? match(index, input.value) : null, input.value);
        form.setAttribute("data-ms", (performance.now() - t0).toFixed(2));
      };
      boxes.push(update);
      input.addEventListener("input", function () { load(); update(); });
      input.addEventListener("focus", load);
      form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    });
    var list = document.querySelector(".md-search-result");
    if (list) new MutationObserver(ensureFirst).observe(list, {childList: true, subtree: true});
    document.addEventListener("input", function (e) {
      if (e.target.classList && e.target.classList.contains("md-search__input")) onSearchInput(e.target);
    });
    document.addEventListener("focusin", function (e) {
      if (e.target.classList && e.target.classList.contains("md-search__input")) load();
    });
    // fetched and prepared where it is needed: beside a paste box once the page is idle
    // (kbWhenIdle, overrides/main.html) or when the box gets the focus, else when the search
    // box gets the focus (never during a page's load, where it was a long task)
    if (boxes.length) (window.kbWhenIdle || function (f) { f(); })(load);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
