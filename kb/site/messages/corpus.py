"""data/corpus/messages.tsv: real messages readers pasted in public threads, each with its
family, the section answering it (``page#anchor``; empty: a family the site does not answer
yet), its kind (title, line, typed), its split (dev: tune on it; test: measure only) and its
source. Comment lines (``#``) come before the header only: a message may start with ``#``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.engine.runtimes import ROOT

FILE = ROOT / "data" / "corpus" / "messages.tsv"


@dataclass(frozen=True)
class Row:
    message: str
    family: str
    section: str
    kind: str
    split: str
    project: str
    source_url: str

    @property
    def page(self) -> str:
        """The answering page as a site URL (``hdf5-errors/``), '' when unanswered."""
        return self.section.split("#")[0] + "/" if self.section else ""

    @property
    def anchor(self) -> str:
        return self.section.partition("#")[2]


def load(path: Path = FILE) -> list[Row]:
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    header = lines[i].split("\t")
    assert header == ["message", "family", "section", "kind", "split", "project", "source_url"], header
    return [Row(*line.split("\t")) for line in lines[i + 1:] if line.strip()]
