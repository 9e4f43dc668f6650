"""The message matcher: a pasted text -> the sections answering it, best first, with why.
docs/javascripts/matcher.js is the same algorithm line for line (tests/test_matcher.py runs
both on the whole corpus and compares); `python -m kb.explain` and the corpus evaluation
(kb/tools/corpus_eval.py) use this one.

1. What was pasted, cleaned: non-ASCII runs become a space (other languages, binary junk;
   both engines then see the same characters), its last MAX_TEXT characters (a traceback ends
   with its error), without console prefixes (``bundle.js:2``, ``Uncaught (in promise)``),
   wrappers (``com.chaquo.python.PyException:``), Python and JS stack frames.
2. Exactly: a template's regular expression from messages.json matching from the start of
   one of the text's error lines (the longest wins), else the first sentence of its cause
   (``head_regex``); a value seen in a run can decide the section (``'TFOpLambda'``).
3. By words, a naive Bayes model trained at build time: each answering section is a bag of
   terms (the fixed words of the templates it answers, its heading, and the corpus's
   development messages it answers, a word of those only when two threads or more use it:
   the reader's own names drop out), each counted once per template or heading, and a
   thread's messages one vote between them (1/n each; the prior counts threads alike). A
   library's or a format's names are one word however spelled (SYNONYMS: keras-hub, KerasHub).
   Its prose counts too (bodies(): each word once, at a quarter of a template's weight), so a
   reader's word the pages use ("pickle", "opcode") finds them. A term is a word or two
   neighbouring words (``load_weight``); a message's pairs count only where a template or a
   heading has them (pairs of the corpus alone fitted its threads).
   A section scores log P(section) + the sum over the text's known terms of log P(term |
   section) (additive smoothing ALPHA), in hundredths of a nat, rounded to integers at build
   time (match.json: a section's ``prior``, its ``base`` (an unseen term's log-probability)
   and each of its terms' gain over ``base``). Integers only: Python and JavaScript rank
   alike. The cases shown are on different pages (the best section of each). The families
   the site does not answer (the corpus's rows without a section) are classes too, never
   shown: a text likelier theirs, or close to one, gets closest cases, not a confident answer.
4. Never a dead end: the rarest topic word the text names (TOPICS: a format, a library) has
   a case among those shown (the last gives way); a text with no word the index knows
   (another language, junk) gets the cases readers report most, marked ``usual``.
Tried and left out (the dev split's cross-validation, no better): logistic regression in
place of naive Bayes, a vote of the nearest corpus messages, IDF-weighted terms, Dirichlet
smoothing towards the whole collection, a prior weighted up for vague texts, a section
borrowing its page's other sections' words, more smoothing (ALPHA) or prose (BODY).
"""
from __future__ import annotations

import math
import re
from pathlib import Path

from kb.site.messages import corpus as corpus_mod

MAX_TEXT = 20000
MAX_CASES = 3            # cases the box shows
MARGIN = 300             # a word match is confident when its page leads the next one by this (1/100 nat)
MIN_WORDS = 4            # a template with fewer words matches exactly only with a value seen in a run
STOP = set((
    "a able about across after all almost also am among an and any are as at be because been but by can "
    "cannot could dear did do does either else ever every for from get got had has have he her hers him his "
    "how however i if in into is it its just least let like likely may me might most must my neither no nor "
    "not of off often on only or other our own rather said say says she should since so some than that the "
    "their them then there these they this tis to too twas us wants was we were what when where which while "
    "who whom why will with would yet you your").split())
ALPHA = 0.05             # naive Bayes' additive smoothing
BODY = 0.25              # a section's prose counts a quarter of a template (its words once)
SCALE = 100              # log-probabilities in hundredths of a nat


# --- the text -----------------------------------------------------------------------------

def clean(text) -> str:
    text = re.sub(r"[^\x20-\x7e\n\t]+", " ", "" if text is None else str(text).replace("\r", "\n"))
    if len(text) > MAX_TEXT:
        text = text[len(text) - MAX_TEXT:]
    text = re.sub(r"(?m)^[ \t]*[\w.\-/]+\.m?js:\d+(?::\d+)?[ \t]+", "", text)       # bundle.min.js:2
    text = re.sub(r"(?m)^[ \t]*at [^\n]*", "", text)                                 # JS stack frames
    text = re.sub(r"Uncaught (?:\(in promise\) )?", "", text)
    text = re.sub(r"(?m)^[ \t]*[`\"*>]+[ \t]*", "", text)   # a quoted message: "Unknown loss ...", `Error: ...`, > ...
    text = re.sub(r"(?m)^[ \t]*File \"[^\"\n]*\", line \d+(?:, in \S+)?(?: \([^()\n]*\))?", "", text)  # Python frames
    text = re.sub(r"(?m)^([ \t]*)raise [\w.]+\((?:[^()\n]|\([^()\n]*\))*\)", r"\1", text)  # a frame's source line
    text = re.sub(r"\bmodule '([\w.]+)'", r"module \1", text)    # Keras 3.16: "parent module 'keras.src...'"
    return re.sub(r"\b(?:[a-z]\w*\.)+[A-Z]\w*Exception: (?=(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception|Warning): )", "", text)


def stem(w: str) -> str:
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


# a library's or a format's names, however a reader spells them, as one word ("keras-hub",
# "keras_hub", "KerasHub": kerashub); split into two, "hub" and "keras" said nothing of KerasHub.
# "JS" alone, "node.js" too, is TensorFlow.js here. Core ML the other way: "CoreML" and
# "coremltools" become "core ml", its two words (as one, the pages' evidence for it halved:
# adding "Core ML" to a vague text no longer made its case confident)
SYNONYMS = [
    (r"\bkeras[ _-]?hub\b", "kerashub"),
    (r"\b(?:tensorflow|tf)[ _-]?hub\b", "tfhub"),
    (r"\b(?:(?:tensorflow|tf|node)[ _.-]?)?js\b", "tfjs"),
    (r"\b(?:tensorflow|tf)[ _-]?lite\b", "tflite"),
    (r"\bcore[ _-]?ml(?:tools)?\b", "core ml"),
    (r"\bsaved[ _-]?model\b", "savedmodel"),
    (r"\bhugging[ _-]?face\b", "huggingface"),
]


# words that say which page a vague text is about (a format, a library): the rarest one the
# text holds always has a case among those shown (the last one gives way), so "Error loading
# model onnx" shows the ONNX page although its generic words rank bigger sections first
TOPICS = sorted({stem(w) for w in "h5 hdf5 h5py keras savedmodel pb tflite tfjs onnx ml checkpoint weights json "
                 "kerashub huggingface transformers tfhub pickle lambda subclassed optimizer".split()})


def split_words(text: str) -> list[str]:
    text = text.lower()
    for pattern, word in SYNONYMS:
        text = re.sub(pattern, word, text, flags=re.ASCII)
    return [stem(w) for w in re.split(r"[^a-z0-9]+", text)
            if len(w) > 1 and w not in STOP and not re.fullmatch(r"\d+", w)]


def pairs(words: list[str]) -> list[str]:
    """The words and each two neighbours ("load_weight", "h5_file"): what a word alone cannot say."""
    return words + [a + "_" + b for a, b in zip(words, words[1:])]


def final_exception(text: str) -> str:
    """The last exception name the text gives (``ValueError``), '' when none."""
    found = re.findall(r"\b([A-Z]\w*(?:Error|Exception))\b", text)
    return found[-1] if found else ""


def terms(text: str) -> set[str]:
    """A text's terms: its words (quoted names and dotted or slashed paths split into theirs)
    and the final exception's name. Every term weighs alike (weighting the exception's name
    more and the reader's names less ranked worse in the corpus's cross-validation); the
    reader's own names drop out of the model instead (build: a corpus word counts only when
    two threads use it)."""
    out: set[str] = set()
    names = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|\S*[/\\]\S*|\b\w+(?:\.\w+)+\b")
    pos = 0
    for m in names.finditer(text):
        out.update(pairs(split_words(text[pos:m.start()])))
        out.update(split_words(m.group(0)))
        pos = m.end()
    out.update(pairs(split_words(text[pos:])))
    exc = final_exception(text)
    if exc:
        out.add(stem(exc.lower()))
    return out


# --- the index (build time) ----------------------------------------------------------------

def _literal(template: str) -> str:
    return re.sub(r"\{\w+\}", " ", template.replace("{{", " ").replace("}}", " "))


def build(messages: dict, headings: dict[str, tuple[str, str]], rows: list | None = None,
          texts: dict[str, str] | None = None) -> dict:
    """match.json: every answering section with its terms' integer weights. headings: a
    section's URL -> (its heading, its page's title); rows: the corpus's development rows;
    texts: a section's URL -> its prose (bodies())."""
    rows = [r for r in (corpus_mod.load() if rows is None else rows) if r.split == "dev"]
    unanswered = [r for r in rows if not r.section]
    rows = [r for r in rows if r.section]
    bags: dict[str, dict[str, float]] = {}

    def add(url: str, words, weight: float):
        bag = bags.setdefault(url, {})
        for w in set(words):
            bag[w] = bag.get(w, 0) + weight

    vocab = set()
    for t in messages["templates"]:
        for a in [t["answer"]] + [v["answer"] for v in t["values"]]:
            words = pairs(split_words(_literal(t["template"])))
            vocab.update(words)
            add(a["url"], words, 1)
    for url, (heading, page_title) in headings.items():
        if heading == page_title:
            continue  # a page's own anchor (its H1): a case only where an answer leads, by that answer's words
        words = pairs(split_words(heading)) + pairs(split_words(page_title))
        vocab.update(words)
        add(url, words, 1)
    for url, body in (texts or {}).items():  # a section's prose: the words a reader may use for its case
        if url in headings and headings[url][0] != headings[url][1]:
            add(url, split_words(re.sub(r"\]\([^)]*\)|\{[^}]*\}", " ", body)), BODY)
    threads: dict[str, set] = {}
    for r in rows:
        for w in terms(clean(r.message)):
            threads.setdefault(w, set()).add(r.source_url)
    per: dict[str, int] = {}  # a thread's messages: one reader's words, one vote between them
    for r in rows + unanswered:
        per[r.source_url] = per.get(r.source_url, 0) + 1
    for r in rows:
        url = f"{r.page}#{r.anchor}" if r.anchor else r.page
        add(url, [w for w in terms(clean(r.message)) if w in vocab or ("_" not in w and len(threads[w]) > 1)],
            1 / per[r.source_url])
    for r in unanswered:  # a family the site does not answer: evidence against every answer
        add("!" + r.family, [w for w in terms(clean(r.message)) if w in vocab or ("_" not in w and len(threads.get(w, ())) > 1)],
            1 / per[r.source_url])
    # a value the runs never printed but the corpus answers elsewhere ("Unknown layer: Functional");
    # not one a run printed ('Sequential' in "'Sequential' object has no attribute '_get_save_spec'")
    index = prepare(messages, {"docs": []})
    values: dict[str, list] = {}
    answers = {url: {"url": url, "title": h, "page_title": p} for url, (h, p) in headings.items()}
    answers.update({a["url"]: a for t in messages["templates"] for a in [t["answer"]] + [v["answer"] for v in t["values"]]})
    for r in rows:
        url = f"{r.page}#{r.anchor}" if r.anchor else r.page
        text = clean(r.message)
        hit = exact(index, text)
        if hit and url in answers and answer_for(hit[0], text)["url"] != url:
            for g in hit[2]:
                if g and re.fullmatch(r"\w+", g, re.ASCII) and g not in hit[0].get("seen", []) and [g] not in [v["values"] for v in values.get(hit[0]["id"], [])]:
                    values.setdefault(hit[0]["id"], []).append({"values": [g], "answer": answers[url]})
    reported: dict[str, int] = {}   # how often readers report a section's case: a vague text's likeliest
    for r in rows:
        url = f"{r.page}#{r.anchor}" if r.anchor else r.page
        reported[url] = reported.get(url, 0) + 1 / per[r.source_url]
    for r in unanswered:
        reported["!" + r.family] = reported.get("!" + r.family, 0) + 1 / per[r.source_url]
    vocab = {w for bag in bags.values() for w in bag}
    total = sum(reported.get(url, 0) + 1 for url in bags)
    docs = []
    for url in sorted(bags):
        bag, length = bags[url], sum(bags[url].values())
        heading, page_title = headings.get(url, (url, url))
        docs.append({**({"url": "", "family": url[1:]} if url.startswith("!") else
                        {"url": url, "title": heading, "page_title": page_title}),
                     "terms": {w: round(SCALE * math.log((bag[w] + ALPHA) / ALPHA)) for w in sorted(bag)},
                     "base": round(SCALE * math.log(ALPHA / (length + ALPHA * len(vocab)))),
                     "prior": round(SCALE * math.log((reported.get(url, 0) + 1) / total))})
    return {"version": 2, "stop": sorted(STOP), "topics": TOPICS, "docs": docs, "values": values}


def bodies(docs_dir: Path, pages: list[str]) -> dict[str, str]:
    """Each section's prose (code, includes, markers and front matter left out): URL -> text."""
    from kb.site.messages.exact import HEADING_RE

    out = {}
    for page in pages:
        path = docs_dir / page
        if not path.exists():
            continue
        base = page.removesuffix(".md").removesuffix("index") + "/" * (page != "index.md")
        url, fence, front = None, False, False
        for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if i == 0 and ln.strip() == "---" or front and ln.strip() == "---":
                front = not front
                continue
            if front:
                continue
            if ln.strip().startswith(("```", "~~~")):
                fence = not fence
                continue
            m = HEADING_RE.match(ln)
            if m:
                url = f"{base}#{m.group(3)}"
            elif url and not fence and "--8<--" not in ln and "<!--" not in ln:
                out[url] = out.get(url, "") + " " + ln
    return out


def headings(docs_dir: Path, pages: list[str]) -> dict[str, tuple[str, str]]:
    """Every section with an explicit anchor, on the given pages: URL -> (heading, page title)."""
    from kb.site.messages.exact import HEADING_RE

    out = {}
    for page in pages:
        path = docs_dir / page
        if not path.exists():
            continue
        found = [HEADING_RE.match(ln) for ln in path.read_text(encoding="utf-8").splitlines()]
        found = [m for m in found if m]
        title = next((m.group(2) for m in found if m.group(1) == "#"), page)
        base = page.removesuffix(".md").removesuffix("index") + "/" * (page != "index.md")
        for m in found:  # the page's own anchor (its H1) too: some answers are a whole page
            out[f"{base}#{m.group(3)}"] = (re.sub(r"[`*]", "", m.group(2)), re.sub(r"[`*]", "", title))
    return out


# --- matching --------------------------------------------------------------------------------

def prepare(messages: dict, data: dict) -> dict:
    templates = [dict(t) for t in messages["templates"] if t.get("answer")]
    for t in templates:
        t["_re"] = _compile("(?:" + t["regex"] + ")")
        t["_head"] = _compile("(?:" + t["head_regex"] + ")") if t.get("head_regex") else None
        t["_words"] = len(set(split_words(_literal(t["template"]))))
        t["_parts"] = len(t["template"].split(" \u2026 "))
    for t in templates:
        t["_corpus"] = data.get("values", {}).get(t["id"], [])
    held: dict[str, int] = {}  # a topic word: how many answering sections hold it
    for d in data["docs"]:
        for w in data.get("topics", []):
            if d["url"] and w in d["terms"]:
                held[w] = held.get(w, 0) + 1
    return {"templates": templates, "docs": data["docs"], "vocab": {w for d in data["docs"] for w in d["terms"]},
            "held": held, "by_url": {d["url"]: d for d in data["docs"] if d["url"]},
            "runtimes": data.get("runtimes", []),
            "issue_url": data.get("issue_url", "")}


def _compile(rx: str):
    try:
        return re.compile(rx, re.ASCII)
    except re.error:
        return None


def starts(text: str) -> list[tuple[int, str]]:
    """Where a message may start: the text's start, each line's, each ``SomeError: `` (and
    just after it, with that name), each sentence's."""
    out = [(0, "")]
    for m in re.finditer(r"(^|\n|[\s(>*\"`])((?:[A-Za-z_][\w.]*\.)?([A-Z]\w*): )|(\n|\. |: )(?=\S)|Exception encountered: ",
                         text, re.ASCII):
        if len(out) >= 400:
            break
        if m.group(2):
            at = m.start() + len(m.group(1))
            out += [(at, ""), (at + len(m.group(2)), m.group(3))]
        else:
            out.append((m.end(), ""))
    return out


def _known(t: dict, groups) -> bool:
    if t["_words"] >= MIN_WORDS:
        return True
    return any(g and any(s == g or s.startswith(g + ".") or g.startswith(s + ".") for s in t.get("seen", []))
               for g in groups)


def exact(index: dict, text: str):
    full = head = None
    for pos, exc in starts(text):
        rest = text[pos:pos + 6000]
        for t in index["templates"]:
            m = t["_re"].match(rest) if t["_re"] else None
            if m and _known(t, m.groups()) and (not full or len(m.group(0)) > full[1] or (
                    len(m.group(0)) == full[1] and len(t["placeholders"]) < len(full[0]["placeholders"]))):
                full = (t, len(m.group(0)), m.groups())
            if not full and t["_head"] and not (exc and t["exception"] and exc != t["exception"] and t["_parts"] == 1):
                m = t["_head"].match(rest)
                if m and _known(t, m.groups()):
                    length = len(m.group(0)) + (1000 if exc and exc == t["exception"] else 0)
                    if not head or length > head[1]:
                        head = (t, length, m.groups())
    return (full[0], True, full[2]) if full else (head[0], False, head[2]) if head else None


def _has(text: str, value: str) -> bool:
    i = text.find(value)
    while i >= 0:
        before = text[i - 1] if i > 0 else ""
        after = text[i + len(value)] if i + len(value) < len(text) else ""
        if not re.match(r"\w", before, re.ASCII) and not re.match(r"\w", after, re.ASCII):
            return True
        i = text.find(value, i + 1)
    return False


def answer_for(t: dict, text: str) -> dict:
    """The answer for the values the text holds: a value seen in a run leads to its section.
    The set the text holds most of its names of wins, then most of them, then most of its
    dotted values (a module path), then the template's own answer."""
    best, best_key = None, (0.0, 0, 0, 0)
    for v in t.get("values", []) + t.get("_corpus", []):
        named = [x for x in v["values"] if "." not in x or " " in x]
        key = named or v["values"]
        count = sum(1 for x in key if _has(text, re.sub(r"^'|'$", "", x)))
        dotted = sum(1 for x in v["values"] if x not in key and _has(text, x))
        rank_key = (count / len(key), count, dotted, 1 if v["answer"]["url"] == t["answer"]["url"] else 0)
        if count and rank_key > best_key:
            best, best_key = v["answer"], rank_key
    return best or t["answer"]


def scores(index: dict, text: str) -> list[dict]:
    """Every section sharing a term with the text: [{doc, score, why}], best first."""
    mine = sorted(w for w in terms(text) if w in index["vocab"])
    out = []
    for i, d in enumerate(index["docs"]):
        shared = [(d["terms"][w], w) for w in mine if w in d["terms"]]
        if shared:
            score = d["prior"] + d["base"] * len(mine) + sum(g for g, _ in shared)
            shared.sort(key=lambda x: (-x[0], x[1]))
            out.append({"doc": d, "score": score, "why": [w for _, w in shared[:4]], "i": i})
    out.sort(key=lambda x: (-x["score"], x["i"]))
    return out


def _page(url: str) -> str:
    return url.split("#")[0]


def _case(d: dict, why: list) -> dict:
    return {"url": d["url"], "title": d["title"], "page_title": d["page_title"], "why": why}


def rank(index: dict, raw) -> dict:
    """{cases: [{url, title, page_title, why}], confident, exact, template, score, usual}; usual:
    the text holds no word the index knows, the cases are those readers report most."""
    text = clean(raw)
    result = {"cases": [], "confident": False, "exact": False, "template": None, "score": 0, "usual": False}
    if not re.search(r"[^ \t\n\r\f\v]", "" if raw is None else str(raw)):
        return result
    hit = exact(index, text)
    ranked = scores(index, text)
    cases = []
    shown = lambda d, among: any(_page(c["url"]) == _page(d["url"]) for c in among)  # noqa: E731  (one case per page)
    if hit:
        t, is_full, _ = hit
        cases.append(_case(answer_for(t, text), ["exact wording" if is_full else "first sentence"]))
        result.update(confident=True, exact=is_full, template=t)
    for r in ranked:
        if len(cases) >= MAX_CASES:
            break
        d = r["doc"]
        if d["url"] and not shown(d, cases):  # no url: a family the site does not answer
            cases.append(_case(d, r["why"]))
    mine = terms(text)
    topic = min(((n, w) for w, n in index["held"].items() if w in mine), default=(0, ""))[1]
    if topic and cases and not any(topic in index["by_url"].get(c["url"], {"terms": {}})["terms"] for c in cases):
        for r in ranked:  # the rarest topic word the text names: its best section gets the last place
            d = r["doc"]
            if d["url"] and topic in d["terms"] and not shown(d, cases[:MAX_CASES - 1]):
                cases[min(len(cases), MAX_CASES - 1):] = [_case(d, r["why"])]
                break
    if not cases:  # nothing the text says is known (another language, junk): what readers report most
        for d in sorted((d for d in index["docs"] if d["url"]), key=lambda d: -d["prior"]):
            if len(cases) < MAX_CASES and not shown(d, cases):
                cases.append(_case(d, []))
        result["usual"] = bool(cases)
    if ranked and not hit:
        top = ranked[0]["score"]
        other = next((r["score"] for r in ranked if _page(r["doc"]["url"]) != _page(ranked[0]["doc"]["url"])), None)
        result["score"] = top
        result["confident"] = bool(ranked[0]["doc"]["url"]) and (other is None or top - other >= MARGIN)
    result["cases"] = cases
    return result
