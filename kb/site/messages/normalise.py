"""A message -> its summary -> a template and its values, and the template as a regular
expression (Python's and the browser's): the normaliser of the message catalogue
(kb/site/messages/catalogue.py says what a template is). Bump ``NORMALIZER`` when the
templates' form changes; the id registry (kb/site/messages/ids.py) keeps the ids."""
from __future__ import annotations

import re

NORMALIZER = 1  # bump when the templates' form changes; the registry keeps the ids

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


def shown(text: str, width: int = 160) -> str:
    """A message's summary as a table row shows it: dumped configurations left out, the
    first part cut at a word before ``width`` characters, Keras's innermost cause kept."""
    parts = [re.sub(r"\s*\0config\0\s*", " ", p).strip() for p in summary(text).split(" … ", 1)]
    if len(parts) == 1 and parts[0].endswith(":"):  # "... for object <Dense ...>:" then the error
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        at = next((i for i, ln in enumerate(lines) if ln.endswith(":")), len(lines))
        parts[0] += " " + lines[at + 1] if at + 1 < len(lines) else ""
    if len(parts[0]) > width:
        parts[0] = parts[0][:width - 3].rsplit(" ", 1)[0] + " …"
    return " … ".join(p for p in parts if p)


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

def words(text: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", text.lower()) if len(w) > 1}
