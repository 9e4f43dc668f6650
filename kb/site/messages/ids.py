"""The message templates' permanent ids (data/message_ids.tsv), like the Rust compiler's error
codes: never renumbered or deleted, a template that changes form keeps its id. A template not
registered yet has a provisional id (``KB-`` and its hash) and no anchor."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kb.engine.runtimes import ROOT
from kb.site.messages.normalise import NORMALIZER, key

IDS = ROOT / "data" / "message_ids.tsv"


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


def assign_ids(templates: list, path: Path = IDS) -> None:
    by_key = {key(tpl): ident for ident, tpl in registry(path).items()}
    for t in templates:
        t.id = by_key.get(key(t.template)) or provisional_id(t.template)


def register(templates: list, path: Path = IDS) -> list[str]:
    """Give every provisional template the next id (none to one only a preview prints: it gets
    its id when a release prints it); returns the new ids."""
    known = registry(path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    numbers = [int(i) for i in re.findall(r"\bKB(\d{4})\b", text)]  # a withdrawn id's comment too
    nxt = max(numbers, default=0) + 1
    new = []
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else [
        "# Message template ids (kb/site/messages/catalogue.py). Never renumber or delete a line: an id is a",
        "# published URL. When a template's wording changes form (a better normalizer), edit its",
        "# template here and keep the id. `python -m kb.site.messages --register` appends new ones.",
    ]
    for t in templates:
        if t.provisional and not getattr(t, "unreleased", False):  # a preview's: no id yet
            t.id = f"KB{nxt:04d}"
            nxt += 1
            new.append(t.id)
            lines.append(f"{t.id}\t{t.template}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return new
