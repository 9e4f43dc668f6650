/* Paste your error, get your case: the message matcher. Its data, built from the test
   suite's recorded runs and the corpus of real messages, is messages.json (the catalogue)
   and match.json (the sections' terms), fetched when a reader pastes or searches.

   The core (clean, terms, exact, rank) is kb/site/messages/match.py's algorithm, line for
   line; it runs in Node as well (module.exports), and tests/test_matcher.py checks both
   agree on the whole corpus. A paste gets its best case (the exact wording when a run
   printed it, which releases do and whether that is an older or newer release's wording),
   or, without a confident match, the closest cases with the words each shares, what to
   try, and a link that files the message as a new issue. In the search dialog the best
   case becomes the first result, above Material's own. */
(function () {
  "use strict";
  // kb/site/messages/match.py is the same algorithm, line for line (tests/test_matcher.py)
  var MAX_TEXT = 20000, MAX_CASES = 3, MARGIN = 300, MIN_WORDS = 4;
  var STOP = Object.create(null);

  /* ---- the text ---- */
  function clean(text) {
    text = String(text == null ? "" : text).replace(/\r/g, "\n").replace(/[^\x20-\x7e\n\t]+/g, " ");
    if (text.length > MAX_TEXT) text = text.slice(text.length - MAX_TEXT);
    return text
      .replace(/^[ \t]*[\w.\-\/]+\.m?js:\d+(?::\d+)?[ \t]+/gm, "")                    // bundle.min.js:2
      .replace(/^[ \t]*at [^\n]*/gm, "")                                                 // JS stack frames
      .replace(/Uncaught (?:\(in promise\) )?/g, "")
      .replace(/^[ \t]*[`"*>]+[ \t]*/gm, "")                                              // a quoted message
      .replace(/^[ \t]*File "[^"\n]*", line \d+(?:, in \S+)?(?: \([^()\n]*\))?/gm, "")   // Python frames
      .replace(/^([ \t]*)raise [\w.]+\((?:[^()\n]|\([^()\n]*\))*\)/gm, "$1")                  // a frame's source line
      .replace(/\bmodule '([\w.]+)'/g, "module $1")    // Keras 3.16: "parent module 'keras.src...'"
      .replace(/\b(?:[a-z]\w*\.)+[A-Z]\w*Exception: (?=(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception|Warning): )/g, "");
  }

  function stem(w) {
    if (w.length > 5 && /ing$/.test(w)) return w.slice(0, -3);
    if (w.length > 4 && /ed$/.test(w)) return w.slice(0, -2);
    if (w.length > 3 && /s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
    return w;
  }

  // a library's or a format's names, however a reader spells them, as one word
  var SYNONYMS = [
    [/\bkeras[ _-]?hub\b/g, "kerashub"],
    [/\b(?:tensorflow|tf)[ _-]?hub\b/g, "tfhub"],
    [/\b(?:(?:tensorflow|tf|node)[ _.-]?)?js\b/g, "tfjs"],
    [/\b(?:tensorflow|tf)[ _-]?lite\b/g, "tflite"],
    [/\bcore[ _-]?ml(?:tools)?\b/g, "core ml"],
    [/\bsaved[ _-]?model\b/g, "savedmodel"],
    [/\bhugging[ _-]?face\b/g, "huggingface"]
  ];

  function splitWords(text) {
    text = String(text).toLowerCase();
    for (var s = 0; s < SYNONYMS.length; s++) text = text.replace(SYNONYMS[s][0], SYNONYMS[s][1]);
    var out = [], parts = text.split(/[^a-z0-9]+/);
    for (var i = 0; i < parts.length; i++) {
      var w = parts[i];
      if (w.length > 1 && !STOP[w] && !/^\d+$/.test(w)) out.push(stem(w));
    }
    return out;
  }

  function pairs(words) {
    for (var i = 0, n = words.length; i + 1 < n; i++) words.push(words[i] + "_" + words[i + 1]);
    return words;
  }

  function finalException(text) {
    var re = /\b([A-Z]\w*(?:Error|Exception))\b/g, m, last = "";
    while ((m = re.exec(text))) last = m[1];
    return last;
  }

  function terms(text) {
    var out = Object.create(null), names = /'[^'\n]*'|"[^"\n]*"|\S*[\/\\]\S*|\b\w+(?:\.\w+)+\b/g, m, pos = 0;
    var add = function (words) { words.forEach(function (x) { out[x] = true; }); };
    while ((m = names.exec(text))) {
      add(pairs(splitWords(text.slice(pos, m.index))));
      add(splitWords(m[0]));
      pos = m.index + m[0].length;
    }
    add(pairs(splitWords(text.slice(pos))));
    var exc = finalException(text);
    if (exc) out[stem(exc.toLowerCase())] = true;
    return out;
  }

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function literal(template) { return template.replace(/\{\{|\}\}/g, " ").replace(/\{\w+\}/g, " "); }

  /* ---- matching ---- */
  function prepare(messages, data) {
    (data.stop || []).forEach(function (w) { STOP[w] = true; });
    var templates = messages.templates.filter(function (t) { return t.answer; }).map(function (t0) {
      var t = Object.assign({}, t0), set = {};
      try { t._re = new RegExp("^(?:" + t.regex + ")"); } catch (e) { t._re = null; }
      try { t._head = t.head_regex ? new RegExp("^(?:" + t.head_regex + ")") : null; } catch (e) { t._head = null; }
      splitWords(literal(t.template)).forEach(function (w) { set[w] = true; });
      t._words = Object.keys(set).length;
      t._parts = t.template.split(" \u2026 ").length;
      t._corpus = (data.values || {})[t.id] || [];
      return t;
    });
    var vocab = Object.create(null), held = Object.create(null), byUrl = Object.create(null);
    data.docs.forEach(function (d) { Object.keys(d.terms).forEach(function (w) { vocab[w] = true; }); });
    data.docs.forEach(function (d) {  // a topic word: how many answering sections hold it
      (data.topics || []).forEach(function (w) { if (d.url && own(d.terms, w)) held[w] = (held[w] || 0) + 1; });
      if (d.url) byUrl[d.url] = d;
    });
    return {templates: templates, docs: data.docs, vocab: vocab, held: held, byUrl: byUrl, runtimes: data.runtimes || [], labels: data.labels || {},
            issue_url: data.issue_url || ""};
  }

  function starts(text) {
    var out = [[0, ""]], m,
      re = /(^|\n|[\s(>*"`])((?:[A-Za-z_][\w.]*\.)?([A-Z]\w*): )|(\n|\. |: )(?=\S)|Exception encountered: /g;
    while ((m = re.exec(text))) {
      if (out.length >= 400) break;
      if (m[2]) {
        var at = m.index + m[1].length;
        out.push([at, ""], [at + m[2].length, m[3]]);
      } else out.push([m.index + m[0].length, ""]);
    }
    return out;
  }

  function known(t, groups) {
    if (t._words >= MIN_WORDS) return true;
    return groups.some(function (g) {
      return g && (t.seen || []).some(function (s) {
        return s === g || s.indexOf(g + ".") === 0 || g.indexOf(s + ".") === 0;
      });
    });
  }

  function exact(index, text) {
    var full = null, head = null, pos = starts(text);
    for (var i = 0; i < pos.length; i++) {
      var rest = text.slice(pos[i][0], pos[i][0] + 6000), exc = pos[i][1];
      for (var j = 0; j < index.templates.length; j++) {
        var t = index.templates[j], m = t._re ? t._re.exec(rest) : null;
        if (m && known(t, m.slice(1)) && (!full || m[0].length > full[1] ||
            (m[0].length === full[1] && t.placeholders.length < full[0].placeholders.length)))
          full = [t, m[0].length, m.slice(1)];
        if (!full && t._head && !(exc && t.exception && exc !== t.exception && t._parts === 1)) {
          m = t._head.exec(rest);
          if (m && known(t, m.slice(1))) {
            var length = m[0].length + (exc && exc === t.exception ? 1000 : 0);
            if (!head || length > head[1]) head = [t, length, m.slice(1)];
          }
        }
      }
    }
    return full ? [full[0], true, full[2]] : head ? [head[0], false, head[2]] : null;
  }

  function has(text, value) {
    var i = text.indexOf(value);
    while (i >= 0) {
      if (!/\w/.test(text.charAt(i - 1)) && !/\w/.test(text.charAt(i + value.length))) return true;
      i = text.indexOf(value, i + 1);
    }
    return false;
  }

  function answerFor(t, text) {
    var best = null, bestKey = [0, 0, 0, 0];
    (t.values || []).concat(t._corpus || []).forEach(function (v) {
      var named = v.values.filter(function (x) { return x.indexOf(".") < 0 || x.indexOf(" ") >= 0; });
      var key = named.length ? named : v.values;
      var count = key.filter(function (x) { return has(text, x.replace(/^'|'$/g, "")); }).length;
      var dotted = v.values.filter(function (x) { return key.indexOf(x) < 0 && has(text, x); }).length;
      var k = [count / key.length, count, dotted, v.answer.url === t.answer.url ? 1 : 0];
      for (var i = 0; i < 4 && k[i] === bestKey[i]; i++);
      if (count && i < 4 && k[i] > bestKey[i]) { best = v.answer; bestKey = k; }
    });
    return best || t.answer;
  }

  function scores(index, text) {
    var mine = Object.keys(terms(text)).filter(function (w) { return index.vocab[w]; }).sort(), out = [];
    index.docs.forEach(function (d, i) {
      var shared = [];
      mine.forEach(function (w) {
        if (Object.prototype.hasOwnProperty.call(d.terms, w)) shared.push([d.terms[w], w]);
      });
      if (shared.length) {
        var score = d.prior + d.base * mine.length;
        shared.forEach(function (x) { score += x[0]; });
        shared.sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
        out.push({doc: d, score: score, why: shared.slice(0, 4).map(function (x) { return x[1]; }), i: i});
      }
    });
    out.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
    return out;
  }

  function page(url) { return url.split("#")[0]; }

  function rank(index, raw) {
    var text = clean(raw), result = {cases: [], confident: false, exact: false, template: null, score: 0, usual: false};
    if (!/[^ \t\n\r\f\v]/.test(raw == null ? "" : String(raw))) return result;
    var hit = exact(index, text), ranked = scores(index, text), cases = [];
    if (hit) {
      var a = answerFor(hit[0], text);
      cases.push({url: a.url, title: a.title, page_title: a.page_title, case: a.case, fix: a.fix,
                  why: [hit[1] ? "exact wording" : "first sentence"]});
      result.confident = true; result.exact = hit[1]; result.template = hit[0];
    }
    for (var i = 0; i < ranked.length && cases.length < MAX_CASES; i++) {
      var d = ranked[i].doc;
      if (!d.url) continue;  // a family the site does not answer
      if (cases.some(function (c) { return page(c.url) === page(d.url); })) continue;  // one case per page: its best section
      cases.push({url: d.url, title: d.title, page_title: d.page_title, why: ranked[i].why});
    }
    var mine = terms(text), topic = "", fewest = Infinity;
    Object.keys(index.held).sort().forEach(function (w) {
      if (mine[w] && index.held[w] < fewest) { fewest = index.held[w]; topic = w; }
    });
    if (topic && cases.length && !cases.some(function (c) { var d = index.byUrl[c.url]; return d && own(d.terms, topic); })) {
      for (var q = 0; q < ranked.length; q++) {  // the rarest topic word the text names: its best section gets the last place
        var dq = ranked[q].doc;
        if (dq.url && own(dq.terms, topic) &&
            !cases.slice(0, MAX_CASES - 1).some(function (c) { return page(c.url) === page(dq.url); })) {
          cases.splice(Math.min(cases.length, MAX_CASES - 1), cases.length,
                       {url: dq.url, title: dq.title, page_title: dq.page_title, why: ranked[q].why});
          break;
        }
      }
    }
    if (!cases.length) {  // nothing the text says is known (another language, junk): what readers report most
      index.docs.map(function (d, i) { return [d, i]; }).filter(function (x) { return x[0].url; })
        .sort(function (a, b) { return b[0].prior - a[0].prior || a[1] - b[1]; }).forEach(function (x) {
          var d = x[0];
          if (cases.length < MAX_CASES && !cases.some(function (c) { return page(c.url) === page(d.url); }))
            cases.push({url: d.url, title: d.title, page_title: d.page_title, why: []});
        });
      result.usual = cases.length > 0;
    }
    if (ranked.length && !hit) {
      var top = ranked[0].score, other = null;
      for (var k = 0; k < ranked.length; k++)
        if (page(ranked[k].doc.url) !== page(ranked[0].doc.url)) { other = ranked[k].score; break; }
      result.score = top;
      result.confident = !!ranked[0].doc.url && (other === null || top - other >= MARGIN);
    }
    result.cases = cases;
    return result;
  }

  // Which releases print the wording, and whether that is an older or a newer one than the
  // newest (or oldest) release of its family the site runs: another template answered in the
  // same section says what those print instead.
  function family(rt) { return rt.replace(/-[\d.]+$/, ""); }

  function versionNote(index, t) {
    if (!t) return "";
    var first = {}, last = {};
    index.runtimes.forEach(function (rt) { var f = family(rt); if (!(f in first)) first[f] = rt; last[f] = rt; });
    var label = function (rt) { return index.labels[rt] || rt; };
    var other = function (rt) {
      var u = index.templates.filter(function (u) {
        return u !== t && u.answer.url === t.answer.url && u.runtimes.indexOf(rt) >= 0;
      })[0];
      return u ? " prints " + u.id + " (" + u.template.slice(0, 80) + (u.template.length > 80 ? "\u2026" : "") + ") instead" : " words it differently or not at all";
    };
    var fams = {};
    t.runtimes.forEach(function (rt) { fams[family(rt)] = true; });
    for (var f in fams) {
      if (t.runtimes.indexOf(last[f]) < 0) return "This wording is from older releases: " + label(last[f]) + other(last[f]) + ".";
      if (t.runtimes.indexOf(first[f]) < 0) return "This wording is from newer releases: " + label(first[f]) + other(first[f]) + ".";
    }
    return "";
  }

  var api = {clean: clean, terms: terms, prepare: prepare, rank: rank, versionNote: versionNote};
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---- the page: load the data, the search dialog's first result, the paste box ---- */
  window.kbMatcher = api;
  var root = (typeof __md_scope !== "undefined") ? __md_scope : new URL(".", location);
  var index = null, loading = null;

  function load() {
    if (!loading) {
      var get = function (name) { return fetch(new URL(name, root)).then(function (r) { return r.json(); }); };
      loading = Promise.all([get("messages.json"), get("match.json")])
        .then(function (d) { index = prepare(d[0], d[1]); api.index = index; refresh(); })
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
    var t = m.template;
    return m.exact ? "This wording is printed by " + t.printed_by + "."
      : "A message that starts this way is printed by " + t.printed_by + ".";
  }

  // a new issue on the project's tracker, the message in it: the intake that grows the corpus
  function issueLink(text) {
    if (!index || !index.issue_url) return null;
    var body = "Pasted in the site's box, no confident answer:\n\n```\n" + text.slice(-3000) + "\n```\n";
    var title = "Unanswered message: " + (clean(text).trim().split("\n").pop() || "").slice(0, 100);
    var enc = function (s) { try { return encodeURIComponent(s); } catch (e) { return encodeURIComponent(clean(s)); } };  // lone surrogates
    return el("a", {"href": index.issue_url + "?title=" + enc(title) + "&body=" + enc(body),
                    "class": "kb-card__issue", "rel": "noopener"}, ["open an issue with this message"]);
  }

  // ---- the search dialog: the best case becomes the first result
  var searchMatch = null;

  function searchText(box) {
    // clean-query.js rewrites the box for lunr; the text as pasted is kept on the box
    var raw = box.kbRaw;
    return raw && box.kbCleaned === box.value ? raw : box.value;
  }

  // a confident case first; else the closest three (each saying what it shares) after
  // Material's first result, or an item that files the message; but an unsure case that
  // Material's first AGREE results also hold a page of goes first (the dev split's
  // cross-validation: the search's first result on the answering page 0.747 -> 0.787). (On
  // the corpus's pasted messages an unsure first case is right more often than Material's
  // first result, 0.79 against 0.39, but on typed keyword queries less often: putting it
  // first when its page leads by 0.5 to 2 nats lost tests/search_queries.tsv's floor.)
  // Material's first six, not five: the search's hit@1 in the dev split's cross-validation
  // (each fold's match.json built without its threads, put in the built site) 0.751 -> 0.759
  // (AGREE 3: 0.740, 8: 0.770, 12 and 20: 0.773; but from 8 on, 114/123 of
  // tests/search_queries.tsv, below its floor; 5 and 6: 116/123)
  var AGREE = 6;

  function theirPages(list) {
    var out = [];
    list.querySelectorAll("li.md-search-result__item:not(.kb-match)").forEach(function (li) {
      var a = li.querySelector("a.md-search-result__link");
      if (a && out.length < AGREE) out.push(new URL(a.href, location.href).pathname);
    });
    return out;
  }

  function ensureFirst() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    var m = searchMatch, cases = m ? m.cases.slice(0, m.confident ? 1 : MAX_CASES) : [];
    var mine = list.querySelectorAll("li.kb-match"), theirs = list.querySelector("li:not(.kb-match)");
    var pages = m && !m.confident ? theirPages(list) : [], lead = -1;
    for (var i = 0; i < cases.length && lead < 0; i++)
      if (pages.indexOf(new URL(url(cases[i].url)).pathname) >= 0) lead = i;
    if (lead > 0) cases = [cases[lead]].concat(cases.slice(0, lead), cases.slice(lead + 1));
    var want = m ? (m.confident ? "1 " : lead >= 0 ? "2 " : "0 ") + (cases.map(function (c) { return c.url; }).join(" ") || m.text.slice(0, 50)) : "";
    var after = m && !m.confident && cases.length ? theirs : null;  // the item ours follow, or none: first
    var first = lead >= 0 ? 1 : 0;  // how many of ours go before Material's first
    if (mine.length && mine[0].getAttribute("data-kb") === want &&
        (first ? list.firstElementChild === mine[0] && (mine.length < 2 || mine[1].previousElementSibling === after)
               : after ? mine[0].previousElementSibling === after : list.firstElementChild === mine[0])) return;
    mine.forEach(function (li) { li.remove(); });
    if (!m) return;
    var item = function (href, title, line) {
      return el("li", {"class": "md-search-result__item kb-match", "data-kb": want}, [
        el("a", {"href": href, "class": "md-search-result__link", "tabindex": "-1"}, [
          el("article", {"class": "md-search-result__article md-typeset"}, [
            el("div", {"class": "md-search-result__icon md-icon"}), el("h1", {}, [title]), el("p", {}, [line])])])]);
    };
    var items = cases.map(function (c) {
      return item(url(c.url), c.title, m.confident ? (m.template ? "Your message: " + m.template.id + ". " + printedBy(m) : "Your case, by its words.")
                                                 : "A close case (not sure): it shares " + c.why.join(", ") + ".");
    });
    if (!items.length) items = [item(issueLink(m.text).getAttribute("href"), "No case on this site matches",
                                      "Open an issue with the message: it grows the site's collection of messages.")];
    if (first) list.insertBefore(items.shift(), list.firstChild);
    var before = after ? after.nextSibling : list.firstChild;
    items.forEach(function (li) { list.insertBefore(li, before); });
  }

  function onSearchInput(box) {
    var text = searchText(box);
    searchMatch = null;
    if (index && text.trim()) {
      searchMatch = rank(index, text);
      searchMatch.text = text;
      if (searchMatch.usual) searchMatch.cases = [];  // typed words the index does not know: Material's results, and the issue item
      if (!searchMatch.cases.length && !index.issue_url) searchMatch = null;
    }
    ensureFirst();
  }

  // ---- the paste box (home page)
  function caseItem(c, why) {
    return el("li", {}, [el("a", {"href": url(c.url)}, [c.title]), " (" + c.page_title + ")",
                         why ? " \u2014 it shares " + c.why.join(", ") : ""]);
  }

  // without a confident case: what the reader can add in one click, the cases re-ranked by
  // the same matcher (the dev split's cross-validation: of 75 unsure pastes whose first case
  // was on another page, one of these words put the answering page first for 39, in the
  // closest three for 16 more)
  var MORE = ["h5 file", "keras file", "SavedModel", "TensorFlow.js", "TFLite", "ONNX", "Core ML", "weights",
              "checkpoint", "custom layer", "Lambda layer", "Hugging Face", "saving", "loading", "converting"];

  function renderCard(out, m, text, more) {
    out.textContent = "";
    if (!text.trim()) return;
    if (!index) { out.appendChild(el("p", {}, ["Loading the message catalogue\u2026"])); return; }
    if (!m.confident) {
      var search = el("a", {"href": "#", "class": "kb-card__search"}, ["search the site for it"]);
      search.addEventListener("click", function (e) { e.preventDefault(); openSearch(text); });
      var parts = [el("p", {}, [m.usual ? "No word of it is one this site's cases use. The cases readers report most:" :
                                m.cases.length ? "No case matches it with confidence. The closest:" :
                                "No message this site's examples print matches it."])];
      if (m.cases.length) parts.push(el("ul", {"class": "kb-card__cases"}, m.cases.map(function (c) { return caseItem(c, !m.usual); })));
      if (more) {
        var ask = el("p", {"class": "kb-card__more"}, ["Say more and the cases follow: it is about "]);
        MORE.forEach(function (w, i) {
          var b = el("button", {"type": "button", "class": "md-button kb-card__word"}, [w]);
          b.addEventListener("click", function () { more(w); });
          ask.appendChild(b);
          if (i + 1 < MORE.length) ask.appendChild(document.createTextNode(" "));
        });
        parts.push(ask);
      }
      var tries = [el("a", {"href": url("doctor-in-your-browser/")}, ["drop the model file in the doctor"]), " (it says what the file holds and what loads it); ",
                   el("a", {"href": url("your-version/")}, ["check what your version does"]), "; ", search];
      var issue = issueLink(text);
      if (issue) tries.push("; or ", issue);
      parts.push(el("p", {"class": "kb-card__try"}, [el("strong", {}, ["What to try: "])].concat(tries).concat(["."])));
      out.appendChild(el("div", {"class": "kb-card kb-card--none"}, parts));
      return;
    }
    var a = m.cases[0], t = m.template, note = versionNote(index, t);
    var parts2 = [
      el("p", {"class": "kb-card__case"}, [el("strong", {}, ["Your case: "]), a.case || (a.title + " (" + a.page_title + ")")]),
      el("p", {}, [t ? printedBy(m) : "Matched by its words (no wording the site's runs print is the same)."])];
    if (note) parts2.push(el("p", {"class": "kb-card__version"}, [note]));
    parts2.push(el("p", {"class": "kb-card__fix"}, [el("strong", {}, ["Fix: "]), el("a", {"href": url(a.url)}, [a.fix ? a.fix : a.title])]));
    if (t) parts2.push(el("p", {"class": "kb-card__id"}, ["Message ", t.url ? el("a", {"href": url(t.url)}, [t.id]) : t.id,
      ": ", el("code", {}, [t.template.length > 160 ? t.template.slice(0, 157) + "\u2026" : t.template])]));
    if (m.cases.length > 1)
      parts2.push(el("p", {}, ["Not it? Also close:"]), el("ul", {"class": "kb-card__cases"}, m.cases.slice(1).map(function (c) { return caseItem(c, false); })));
    out.appendChild(el("div", {"class": "kb-card"}, parts2));
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
        renderCard(out, index ? rank(index, input.value) : null, input.value, more);
        form.setAttribute("data-ms", (performance.now() - t0).toFixed(2));
      };
      var more = function (w) {  // a word the reader chose: added to the text, which is ranked again
        input.value = input.value.replace(/\s+$/, "") + " (" + w + ")";
        update();
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
