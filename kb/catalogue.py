"""The message catalogue: every exact message the runs printed, as a template with a stable id.

Built at build time from what the runs recorded (results/ and the goldens they name, via
kb/messages.py for the messages pages show and kb/versions.py for the version scan), never
typed. A message becomes a template:

- its summary, the form a reader recognises and the version scan records: the first
  paragraph, plus Keras's innermost cause when it chains one (``… Exception encountered:``,
  or the paragraph after ``Exception encountered when calling X.call().``); that cause is
  marked as the cause;
- the reader's own parts as placeholders (Python format syntax, literal braces doubled):
  ``{config}`` for a dumped configuration (``Full object config: {...}``, ``config={...}``),
  ``{name}`` for a quoted identifier or a class/layer name, ``{names}`` for a quoted list,
  ``{class}`` for ``<class '...'>``, ``{object}`` for an object's repr, ``{path}``,
  ``{shape}``, ``{dict}`` and ``{number}``.

Messages with one template are one entry: the runtimes that print exactly that wording
(as ranges), the values seen in its placeholders and the section answering each (a class
name can decide the answer: ``Unknown layer: 'TFOpLambda'`` is not ``Unknown layer:
'MyLayer'``), and a default answer for values never seen (the section most values lead to).

Ids are permanent, like the Rust compiler's error codes: ``data/message_ids.tsv`` (committed)
maps each id to its template, and a test fails when a template has no id (``python -m
kb.catalogue --register`` appends the next ones) or a registered id lost its template. A
hash of the template would not survive a better normalizer (every template it touches gets
a new hash, and every published link to it breaks); a registry keeps the id and records the
new template. Until it is registered, a new template is in the catalogue with a provisional
id (``KB-`` and its hash) and no anchor, so nothing provisional gets published.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kb import messages, runtimes, snippets, versions

ROOT = snippets.ROOT
IDS = ROOT / "data" / "message_ids.tsv"
NORMALIZER = 1  # bump when the templates' form changes; the registry keeps the ids
PAGE = "message-catalogue.md"  # the page whose anchors are the ids' permanent URLs

# --- a message -> its summary -------------------------------------------------------------

_DUMP_START_RE = re.compile(r"(?: using config=| Full object config: ?|^config=|(?<=[\s(])config=)(?=\{)", re.M)


def strip_dumps(text: str) -> str:
    """Every dumped configuration (``Full object config: {...}``, ``using config={...}``,
    ``config={...}``: balanced braces, quoted strings skipped) becomes ``\\0config\\0``."""
    out, pos = [], 0
    for m in _DUMP_START_RE.finditer(text):
        if m.start() < pos:
            continue
        end = _balanced(text, m.end())
        if end is None:
            continue
        out += [text[pos:m.start()], "\0config\0"]
        pos = end
    return "".join(out) + text[pos:]


def _balanced(text: str, i: int) -> int | None:
    depth, quote = 0, None
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def summary(text: str) -> str:
    """The first paragraph of a message, and Keras's innermost cause (after `` … ``)."""
    if " … " in text and "\n" not in text:  # already a summary (the version scan's)
        return strip_dumps(text)
    text = strip_dumps(text.strip())
    paras = [" ".join(ln.strip() for ln in p.splitlines() if ln.strip())
             for p in re.split(r"\n\s*\n", text)]
    paras = [p for p in paras if p]
    if not paras:
        return ""
    head = paras[0]
    if head.endswith(":") and len(paras) > 1 and re.fullmatch(r"[\w.]+:", head):  # "Error:" alone
        head, paras = f"{head} {paras[1]}", paras[1:]
    causes = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("Exception encountered:")]
    if causes:
        cause = causes[-1]
    elif re.match(r"(?:[\w.]+: )?Exception encountered when calling", head) and len(paras) > 1 \
            and not re.match(r"(Call a|A)rguments received", paras[1]):
        cause = paras[1]
    else:
        return head
    return f"{head} … {cause}"


# --- a summary -> template and values -----------------------------------------------------

# (placeholder, pattern); the first group, when there is one, is the value
_PARTS = [
    ("config", r"\0config\0"),
    ("class", r"(?<=<class ')([\w.]+)(?='>)"),
    ("object", r"(?<=<)([\w.]+ object at 0x[0-9a-fA-F.]+)(?=>)"),
    ("object", r"(?<=<)([A-Z]\w* [^<>\n]*=[^<>\n]*)(?=>)"),  # <Dense name=dense, built=False>
    ("path", r"(?<=filepath=)(\S+?)(?=[.,;]?(?:\s|$))"),
    ("path", r"(?<=TFSMLayer\()([^,()\s]+)(?=,)"),
    # a file or a path of the reader's (not a URL, not a module such as tf.keras.models)
    ("path", r"(?<![\w/.:])((?:[\w.\-]+/){2,}[\w.\-{}|]*[\w}])"),
    ("path", r"(?<![\w/.])([\w\-]+(?:\.[\w\-]+)*\.(?:h5|hdf5|keras|json|pb|pbtxt|ckpt|bin))(?![\w]|\.\w)"),
    ("names", r"(?<=\[)('[^'\n]*'(?:, '[^'\n]*')*)(?=\])"),
    ("dict", r"(\{'[^{}\n]*\})"),
    ("shape", r"(\((?:None|\d+)(?:, ?(?:None|\d+))*,?\))"),
    ("name", r"(?<=')([^'\s]{1,80})(?=')"),
    ("name", r'(?<=")([^"\s]{1,80})(?=")'),
    # unquoted class and layer names where Keras puts one
    ("name", r"\b([A-Z]\w*)(?=\.(?:call|__init__|from_config|get_config|build)\(\))"),
    ("name", r"(?:(?<=\bObject )|(?<=\bLayer ))([A-Z]\w*)(?= (?:was|has|is)\b)"),
    ("name", r"(?<=\(type )([A-Z]\w*)(?=\))"),
    ("name", r"(?:(?<=of type `)|(?<=If `))([A-Z]\w*)(?=`)"),
    ("name", r"(?<=parent module )([\w.]+)(?= cannot)"),
    ("name", r"(?<=custom layer )(\w+)(?= of type)"),
    ("name", r"(?<=identifier: )([\w.]+)(?=[.,]?(?:\s|$))"),
    ("name", r"(?<=passed to )([A-Z]\w*)(?=:)"),
    ("name", "(?:" + "|".join(f"(?<=Unknown {w}: )" for w in (
        "layer", "activation", "loss", "metric", "optimizer", "initializer", "regularizer",
        "constraint", "activation function", "loss function")) + r")([A-Za-z_][\w.>]*?)(?=[.,]?(?:\s|$))"),
    ("number", r"(?<![\w.])(\d+(?:\.\d+)*)(?![\w])"),
]
_PART_RE = re.compile("|".join(f"(?P<p{i}>{pat})" for i, (_, pat) in enumerate(_PARTS)))


def templatize(summary_text: str) -> tuple[str, list[tuple[str, str]]]:
    """(template, [(placeholder, value)]) of a summary."""
    out, values, pos = [], [], 0
    for m in _PART_RE.finditer(summary_text):
        kind = _PARTS[int(m.lastgroup[1:])][0]
        out += [summary_text[pos:m.start()].replace("{", "{{").replace("}", "}}"), f"{{{kind}}}"]
        if kind != "config":
            values.append((kind, m.group(0)))
        pos = m.end()
    out.append(summary_text[pos:].replace("{", "{{").replace("}", "}}"))
    template = "".join(out)
    # a dump right before the end of a sentence: "...`. {config}" and "... {config}." alike
    return re.sub(r"\s+(?=\{config\})", " ", template), values


def key(template: str) -> str:
    """What makes two templates one: the template without where a dump was."""
    return re.sub(r" ?\{config\}", "", template).replace(". .", ".").rstrip(". ")


_PLACEHOLDER_RE = re.compile(r"\{\{|\}\}|\{(\w+)\}")  # Python's format syntax: {{ and }} are braces
_VALUE_PATTERNS = {
    "config": r"(?:\s*(?:using config=|Full object config:\s*|config=)?\{[\s\S]*?\}\.?)?",
    "class": r"([\w.]+)", "object": r"([^<>]+?)", "path": r"(\S+?)", "names": r"([^\]]*?)",
    "dict": r"(\{[^\n]*?\})", "shape": r"(\([^)]*\))", "name": r"([^\s'\"]+?)",
    "number": r"(\d+(?:\.\d+)*)",
}


def regex(template: str) -> str:
    """A regular expression (JavaScript and Python alike) matching the template's wording,
    any whitespace for a space, each placeholder a group (a dump optional)."""
    return r"[\s\S]*?".join(map(_part_regex, template.split(" … ")))  # a chain: anything between


def _part_regex(template: str) -> str:
    out, text = [], ""
    for piece, name in pieces(template):
        if name:
            out += [_literal(text), _VALUE_PATTERNS[name]]
            text = ""
        else:
            text += piece
    out.append(_literal(text))
    return "".join(out)


def pieces(template: str) -> list[tuple[str, str | None]]:
    """(literal text, None) and (placeholder text, its name), in order."""
    out, pos = [], 0
    for m in _PLACEHOLDER_RE.finditer(template):
        if m.start() > pos:
            out.append((template[pos:m.start()], None))
        out.append((m.group(0)[0], None) if m.group(1) is None else (m.group(0), m.group(1)))
        pos = m.end()
    if pos < len(template):
        out.append((template[pos:], None))
    return out


def head_regex(template: str) -> str | None:
    """A regular expression for the first sentence of a template's cause, as readers quote
    it: without the exception's name, quotes around a name optional (single or double:
    'TFOpLambda', "TFOpLambda", TFOpLambda), the full stop too.
    None when that sentence has fewer than two words of its own."""
    cause = template.split(" … ")[-1].removeprefix("Exception encountered: ")
    cause = re.sub(r"^[A-Za-z_][\w.]*: ", "", cause) if " … " not in template else cause
    first = re.split(r"(?<=\.)\s", cause)[0]
    if len(words(re.sub(r"\{\w+\}", " ", first))) < 2:
        return None
    r = _part_regex(first).replace(_VALUE_PATTERNS["name"], r"([^\s'\".,;:]+)")
    r = r.replace(r"'([^\s'\".,;:]+)'", r"['\"]?([^\s'\".,;:]+)['\"]?")
    return r[:-2] + r"\.?" if r.endswith(r"\.") else r


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(w) for w in text.split(" ")) if text.strip() else re.escape(text)


# --- the catalogue ------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    page: str
    anchor: str
    heading: str

    @property
    def url(self) -> str:  # site-relative
        return self.page.removesuffix(".md").removesuffix("index") + "/" * (self.page != "index.md") \
            + (f"#{self.anchor}" if self.anchor else "")


@dataclass
class Template:
    template: str
    exception: str
    runtimes: list[str] = field(default_factory=list)
    instances: dict[tuple, dict] = field(default_factory=dict)  # values -> {answer, runtimes}
    example: str = ""  # one exact message, as a run printed it
    id: str = ""
    answer: Answer | None = None

    @property
    def parts(self) -> list[str]:
        return self.template.split(" … ")

    @property
    def cause(self) -> str:
        """The innermost exception's wording (the whole template when nothing is chained)."""
        cause = self.parts[-1].removeprefix("Exception encountered: ")
        return cause[len(self.exception) + 2:] if len(self.parts) == 1 and self.exception else cause

    @property
    def title(self) -> str:
        """The cause's first sentence, shortened: what a heading can hold."""
        first = re.split(r"(?<=\.)\s", self.cause.replace("{config}", ""))[0].rstrip(".:")
        return first if len(first) <= 70 else first[:67].rsplit(" ", 1)[0] + " …"

    @property
    def provisional(self) -> bool:
        return self.id.startswith("KB-")

    @property
    def anchor(self) -> str:
        return self.id.lower()


def _exception_name(summary_text: str) -> str:
    m = re.match(r"([A-Za-z_][\w.]*): ", summary_text)
    return m.group(1) if m else ""


def build(docs: Path = messages.DOCS, page_order: list[str] = ()) -> list[Template]:
    """Every template, in page order of its answer, ids from the registry."""
    found: dict[str, Template] = {}

    def add(text: str, rt: str, answer: Answer | None, example: str = ""):
        s = summary(text)
        if not s:
            return
        tpl, values = templatize(s)
        t = found.setdefault(key(tpl), Template(tpl, _exception_name(s)))
        if "{config}" in tpl and "{config}" not in t.template:
            t.template = tpl
        if rt not in t.runtimes:
            t.runtimes.append(rt)
        vals = tuple(v for k, v in values if k in ("name", "names", "class", "dict"))
        inst = t.instances.setdefault(vals, {"answers": [], "runtimes": []})
        if answer and answer not in inst["answers"]:
            inst["answers"].append(answer)
        if rt not in inst["runtimes"]:
            inst["runtimes"].append(rt)
        if example and not t.example:
            t.example = example

    for m in messages.collect(docs):
        add(m.text, m.runtime, Answer(m.page, m.anchor, m.heading), m.text)
    for cases in versions.scan().values():
        for per in cases.values():
            for rt, v in per.items():
                if v.message:
                    add(v.message.split("; fired:")[0], rt, None, v.message)

    rank = {p: i for i, p in enumerate(page_order)}
    order = list(runtimes.RUNTIMES)
    out = []
    for t in found.values():
        t.runtimes.sort(key=order.index)
        for inst in t.instances.values():
            inst["answer"] = _best(inst.pop("answers"), t.template, rank)
        t.answer = _default_answer(t, rank)
        if t.answer is None:  # printed by the scan only: the answer of the golden wording it starts
            heads = [u for u in found.values() if u is not t and u.parts[0] == t.parts[0]
                     and _default_answer(u, rank)]
            t.answer = _most_common([_default_answer(u, rank) for u in heads], rank)
        if t.answer is not None:
            out.append(t)
    _lend_values_to_first_lines(out)
    out.sort(key=lambda t: (rank.get(t.answer.page, len(rank)), t.answer.page, t.answer.anchor, t.template))
    assign_ids(out)
    return out


def _lend_values_to_first_lines(templates: list[Template]) -> None:
    """A message of several lines whose first line is another template's whole wording (a
    JAX note under "'str' object has no attribute '_error_repr'"): a reader who pastes only
    that line holds its values, which lead to the longer message's answer there too."""
    for t in templates:
        for u in templates:
            if u is t or not t.template.startswith(u.template + " ") or not u.instances:
                continue
            n = len(next(iter(u.instances)))
            for vals, inst in t.instances.items():
                if len(vals) >= n and vals[:n] and vals[:n] not in u.instances:
                    u.instances[vals[:n]] = {"answer": inst["answer"], "runtimes": inst["runtimes"]}


def words(text: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", text.lower()) if len(w) > 1}


def _best(answers: list[Answer], template: str, rank: dict) -> Answer | None:
    """Of the sections that show a message, the answer: the first page in the nav (the nav
    leads from the main answers to their neighbours), on it the section whose heading holds
    most of the message's words (headings carry the words readers paste)."""
    mine = words(template)
    return min(answers, default=None, key=lambda a: (
        rank.get(a.page, len(rank)), -len(words(a.heading) & mine), a.anchor))


def _most_common(answers: list[Answer], rank: dict, template: str = "") -> Answer | None:
    """The answer most often given; of equals, the first in the nav, then the one whose
    heading holds most of the template's words."""
    if not answers:
        return None
    count: dict[tuple, list] = {}
    for a in answers:
        count.setdefault((a.page, a.anchor), [0, a])[0] += 1
    mine = words(template)
    return min(count.values(), key=lambda c: (-c[0], rank.get(c[1].page, len(rank)),
                                              -len(words(c[1].heading) & mine), c[1].anchor))[1]


def _default_answer(t: Template, rank: dict) -> Answer | None:
    """The section most of the values seen lead to (a value never seen is most likely
    one more of those)."""
    return _most_common([i["answer"] for i in t.instances.values() if i["answer"]], rank, t.template)


def answer_for(t: Template, values: tuple) -> Answer:
    inst = t.instances.get(values)
    return inst["answer"] if inst and inst["answer"] else t.answer


# --- ids ----------------------------------------------------------------------------------

def registry(path: Path = IDS) -> dict[str, str]:
    """id -> template (data/message_ids.tsv: ``id<TAB>template`` lines; # comments)."""
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ident, _, tpl = line.partition("\t")
            out[ident] = tpl
    return out


def provisional_id(template: str) -> str:
    return "KB-" + hashlib.sha256(f"{NORMALIZER}\n{key(template)}".encode()).hexdigest()[:8]


def assign_ids(templates: list[Template], path: Path = IDS) -> None:
    by_key = {key(tpl): ident for ident, tpl in registry(path).items()}
    for t in templates:
        t.id = by_key.get(key(t.template)) or provisional_id(t.template)


def register(templates: list[Template], path: Path = IDS) -> list[str]:
    """Give every provisional template the next id; returns the new ids."""
    known = registry(path)
    numbers = [int(i[2:]) for i in known if re.fullmatch(r"KB\d{4}", i)]
    nxt = max(numbers, default=0) + 1
    new = []
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else [
        "# Message template ids (kb/catalogue.py). Never renumber or delete a line: an id is a",
        "# published URL. When a template's wording changes form (a better normalizer), edit its",
        "# template here and keep the id. `python -m kb.catalogue --register` appends new ones.",
    ]
    for t in templates:
        if t.provisional:
            t.id = f"KB{nxt:04d}"
            nxt += 1
            new.append(t.id)
            lines.append(f"{t.id}\t{t.template}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return new


def nav_order(config_path: Path = ROOT / "mkdocs.yml") -> list[str]:
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    nav = yaml.load(config_path.read_text(), Loader=_Loader).get("nav") or []

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from walk(value) if isinstance(value, list) else [value]

    return list(walk(nav))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--register", action="store_true", help="give new templates their ids")
    ap.add_argument("--write", type=Path, metavar="DIR", help="write messages.json, its schema and llms.txt")
    args = ap.parse_args(argv)
    templates = build(page_order=nav_order())
    if args.write:
        write_files(templates, args.write)
    if args.register:
        new = register(templates)
        print(f"{len(new)} new ids" + (f": {', '.join(new)}" if new else ""))
    for t in templates:
        print(f"{t.id}\t{runtimes.ranges(t.runtimes)}\t{t.answer.url}\t{t.template[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# --- the page -----------------------------------------------------------------------------

def _code(text: str) -> str:
    return "<code>" + messages.cell(text) + "</code>"


def _link(a: Answer, from_page: str) -> str:
    return f"[{messages.cell(a.heading or a.page)}]({'../' * from_page.count('/')}{a.page}" \
           + (f"#{a.anchor})" if a.anchor else ")")


def entries(templates: list[Template], from_page: str) -> str:
    """One section per registered template (its id is its heading's anchor); a provisional
    one is listed without an anchor until it is registered."""
    out = []
    for t in templates:
        heading = messages.cell(t.title).replace("{", "&#123;").replace("}", "&#125;")  # not attr_list's
        title = (f"### {t.id}: {heading} {{#{t.anchor}}}"
                 if not t.provisional else f"**{t.id}** (provisional: not registered yet)")
        out += [title, "", _code(t.template), ""]
        if len(t.parts) > 1:
            out += [f"- **Cause** (the innermost exception): {_code(t.cause)}"]
        out += [f"- **Printed by**: {runtimes.ranges(t.runtimes)}",
                f"- **Answered in**: {_link(t.answer, from_page)}"]
        others = [(vals, i["answer"]) for vals, i in t.instances.items()
                  if i["answer"] and i["answer"] != t.answer and vals]
        for vals, a in others:
            out.append(f"- **With {', '.join(_code(v) for v in vals)}**: {_link(a, from_page)}")
        out.append("")
    return "\n".join(out)


# --- machine-readable: messages.json ------------------------------------------------------

def _page_facts(docs: Path, page: str) -> dict:
    """A page's H1, and its Answer tip's Case and Fix lines when it opens with one."""
    path = docs / page
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    h1 = next((messages.HEADING_RE.match(ln).group(2) for ln in text.splitlines()
               if ln.startswith("# ") and messages.HEADING_RE.match(ln)), page)
    facts = {"page_title": h1}
    tip = re.search(r'^!!! tip "Answer"\n((?:[ ]{4}.*\n|\s*\n)+)', text, re.M)
    for label in ("Case", "Fix"):
        m = tip and re.search(rf"\*\*{label}:\*\*\s*(.+(?:\n[ ]{{4}}(?!\*\*).+)*)", tip.group(1))
        if m:
            facts[label.lower()] = " ".join(m.group(1).split())
    return facts


def data(templates: list[Template], docs: Path = messages.DOCS, site_url: str = "") -> dict:
    """The catalogue as data (messages.json; its schema is data/messages.schema.json). URLs
    are relative to the site's root, so the file works from any sub-path."""
    facts: dict[str, dict] = {}

    def answer(a: Answer) -> dict:
        f = facts.setdefault(a.page, _page_facts(docs, a.page))
        return {"url": a.url, "title": a.heading or f["page_title"], **f}

    out = []
    for t in templates:
        values = [{"values": list(vals), "answer": answer(i["answer"])}
                  for vals, i in t.instances.items() if vals and i["answer"]]
        out.append({
            "id": t.id, "provisional": t.provisional,
            "url": f"{PAGE.removesuffix('.md')}/#{t.anchor}" if not t.provisional else None,
            "exception": t.exception, "template": t.template, "cause": t.cause,
            "placeholders": sorted({name for _, name in pieces(t.template) if name}),
            "regex": regex(t.template), "head_regex": head_regex(t.template),
            "printed_by": runtimes.ranges(t.runtimes),
            "runtimes": t.runtimes,
            "answer": answer(t.answer), "values": values,
            "seen": sorted({v for vals in t.instances for v in vals}),
        })
    return {"version": 1, "normalizer": NORMALIZER, "site_url": site_url,
            "template_syntax": "Python format strings: {name} is a placeholder, {{ and }} are braces",
            "regex_flavour": "ECMAScript and Python re alike; a match starts at the exception's name",
            "templates": out}


def to_json(templates: list[Template], docs: Path = messages.DOCS, site_url: str = "") -> str:
    return json.dumps(data(templates, docs, site_url), ensure_ascii=False, separators=(",", ":"))


def write_files(templates: list[Template], folder: Path, docs: Path = messages.DOCS, site_url: str = "") -> None:
    """messages.json, its schema and llms.txt, into a built site's root (or any folder: a
    build by another tool can take the same files)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "messages.json").write_text(to_json(templates, docs, site_url), encoding="utf-8")
    (folder / "messages.schema.json").write_text(SCHEMA.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "llms.txt").write_text(llms_txt(templates, site_url), encoding="utf-8")


def paste_box() -> str:
    """The paste box's HTML (the page's script, docs/javascripts/matcher.js, fills the card)."""
    return (
        '<form class="kb-paste" markdown="0" role="search" aria-label="Paste your error">\n'
        '<label for="kb-paste-text">Paste your error message or the whole traceback '
        '(Python, or the browser console for TensorFlow.js)</label>\n'
        '<textarea id="kb-paste-text" rows="4" spellcheck="false" autocomplete="off" '
        'placeholder="ValueError: Unknown layer: \'MyLayer\'. Please ensure you are using a …"></textarea>\n'
        '<div class="kb-paste__out" aria-live="polite"></div>\n'
        '<noscript><p>Without JavaScript, find your message in the table below.</p></noscript>\n'
        '</form>\n')


SCHEMA = ROOT / "data" / "messages.schema.json"


def llms_txt(templates: list[Template], site_url: str = "") -> str:
    """llms.txt (the llmstxt.org format): what the site is, where the catalogue is, and one
    line per template: its id, the wording, the releases printing it, the answer's URL."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    out = ["# Unknown layer: Lambda, answered", "",
           "> Why Keras and TensorFlow.js fail to load a saved model with a Lambda or custom layer, and "
           "how to fix or recover it. Every message below was printed by the site's test suite on the "
           "releases named; ids are permanent.", "",
           "Match a pasted message against `messages.json` (each template's `regex`, from the "
           "exception's name on; `head_regex` for the first sentence of its cause) and answer with "
           "the template's `answer.url`, or the URL of a `values` entry whose value the message holds. "
           "Placeholders in templates: `{name}`, `{class}`, `{config}` (a dumped configuration), "
           "`{path}`, `{number}`, `{shape}`, `{names}`, `{dict}`, `{object}`.", "",
           "## Catalogue", "",
           f"- [messages.json]({base}messages.json): every template, as data (schema: "
           f"[messages.schema.json]({base}messages.schema.json))",
           f"- [The message catalogue]({base}{PAGE.removesuffix('.md')}/): the same, one section per id", "",
           "## Messages", ""]
    for t in templates:
        if not t.provisional:
            out.append(f"- [{t.id}]({base}{t.answer.url}): `` {t.template} `` "
                       f"(printed by {runtimes.ranges(t.runtimes)})")
    return "\n".join(out) + "\n"
