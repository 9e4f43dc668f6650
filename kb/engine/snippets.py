"""The snippet model: discovery and expectation headers (its goldens: kb/engine/goldens.py).

Every example on the site is a file ``snippets/<topic>/NNN_<fail|fix|check>_<what>.py``
that carries its own expectation in a header block::

    # /// kb
    # outcome = "raises"            # or "ok"
    # exception = "ValueError"      # with "raises": the exception type it must raise
    # runtimes = ["keras3>=3.10"]   # selectors: a family and a PEP 440 range (kb/engine/runtimes.py)
    # needs = {"010_fix_save.py" = ["model.keras"]}  # files from earlier snippets ("*": all)
    #         ("keras2:010_x.py" = [...]: made by that snippet on the newest release
    #          the selector names; "each keras2:010_x.py": on every release it names,
    #          each release's files in a folder named after it)
    # timeout = 120                 # seconds (optional)
    # scenario = "..."              # optional: behaviour-matrix row shared by several snippets
    # [expect."keras3<3.11"]        # optional: where some releases behave differently
    # outcome = "ok"
    # ///
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path



from kb.engine import runtimes

ROOT = runtimes.ROOT
SNIPPETS = ROOT / "snippets"
NAME_RE = re.compile(r"^\d{3}_(fail|fix|check)_[a-z0-9_]+\.py$")
HEADER_RE = re.compile(r"^# /// kb\s*$(.*?)^# ///\s*$", re.M | re.S)
SECTION_START, SECTION_END = "# --8<-- [start:code]", "# --8<-- [end:code]"
DEFAULT_TIMEOUT = 120


class SnippetError(Exception):
    """A snippet, its header or a golden is wrong; the message names the file."""


@dataclass
class Snippet:
    path: Path
    outcome: str
    exception: str | None
    runtimes: list[str]  # resolved runtime names, registry order
    selectors: list[str]
    needs: dict[str, list[str]] = field(default_factory=dict)  # producer key -> files
    # producer key -> (runtimes, or None for the consumer's own; path; files in per-runtime folders)
    producers: dict[str, tuple[list[str] | None, Path, bool]] = field(default_factory=dict)
    timeout: float = DEFAULT_TIMEOUT
    per_runtime: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    scenario: str | None = None

    def expect(self, runtime: str) -> tuple[str, str | None]:
        """(outcome, exception) expected on a runtime."""
        return self.per_runtime.get(runtime, (self.outcome, self.exception))

    @property
    def rel(self) -> str:
        return relpath(self.path)

    @property
    def key(self) -> str:  # "topic/NNN_kind_what"
        return f"{self.path.parent.name}/{self.path.stem}"

    @property
    def kind(self) -> str:
        return self.path.stem.split("_")[1]

    def code(self) -> str:
        """The shown section: the whole body, without the header and section markers."""
        text = self.path.read_text(encoding="utf-8")
        return text.split(SECTION_START + "\n", 1)[-1].split(SECTION_END, 1)[0].strip("\n")


def relpath(path: Path) -> str:
    """A path as the messages name it: relative to the checkout when it is inside."""
    return (path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).as_posix()


HEADER_KEYS = {"outcome", "exception", "runtimes", "needs", "timeout", "expect", "scenario"}


def parse(path: Path) -> Snippet:
    path = Path(path).resolve()
    rel = relpath(path)
    if not NAME_RE.match(path.name):
        raise SnippetError(f"{rel}: name must look like NNN_<fail|fix|check>_<what>.py")
    text = path.read_text(encoding="utf-8")
    blocks = HEADER_RE.findall(text)
    if len(blocks) != 1:
        raise SnippetError(f"{rel}: needs exactly one '# /// kb' ... '# ///' header block")
    lines = []
    for line in blocks[0].strip("\n").splitlines():
        if not line.startswith("#"):
            raise SnippetError(f"{rel}: header line does not start with '#': {line!r}")
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    try:
        meta = tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as exc:
        raise SnippetError(f"{rel}: header is not valid TOML: {exc}") from None
    unknown = set(meta) - HEADER_KEYS
    if unknown:
        raise SnippetError(f"{rel}: unknown header keys: {sorted(unknown)}")
    outcome, exception = _expectation(rel, meta)
    sels = meta.get("runtimes")
    if not (isinstance(sels, list) and sels and all(isinstance(r, str) for r in sels)):
        raise SnippetError(f"{rel}: runtimes must be a non-empty list of selectors "
                           f"such as \"keras3>=3.10\"")
    try:
        names = [rt.name for rt in runtimes.resolve(sels, f"{rel}: runtimes: ")]
    except runtimes.UnknownRuntime as exc:
        raise SnippetError(str(exc)) from None
    per_runtime: dict[str, tuple[str, str | None]] = {}
    for sel, table in meta.get("expect", {}).items():
        where = f"{rel} [expect.{sel!r}]"
        if not isinstance(table, dict) or set(table) - {"outcome", "exception"}:
            raise SnippetError(f"{where}: may set only outcome and exception")
        try:
            hits = [rt.name for rt in runtimes.resolve([sel], f"{where}: ")]
        except runtimes.UnknownRuntime as exc:
            raise SnippetError(str(exc)) from None
        outside = [h for h in hits if h not in names]
        if outside == hits:
            raise SnippetError(f"{where}: names no runtime the snippet runs on ({', '.join(hits)})")
        for name in hits:
            if name in per_runtime:
                raise SnippetError(f"{where}: {name} is already matched by another [expect] table")
            per_runtime[name] = _expectation(where, table)
    needs = meta.get("needs", {})
    if not isinstance(needs, dict) or not all(
        isinstance(v, list) and all(isinstance(f, str) for f in v) for v in needs.values()
    ):
        raise SnippetError(f"{rel}: needs must map a snippet file name to a list of files")
    producers = {}
    for producer in needs:
        sel, _, name = producer.rpartition(":")
        each = sel.startswith("each ")
        sel = sel.removeprefix("each ").strip()
        if not (path.parent / name).is_file():
            raise SnippetError(f"{rel}: needs {name!r}, which is not in {path.parent.name}/")
        others = None
        if sel:
            try:
                others = [rt.name for rt in runtimes.resolve([sel]) if not rt.family.preview] if each else [runtimes.newest(sel).name]
            except runtimes.UnknownRuntime as exc:
                raise SnippetError(f"{rel}: needs {producer!r}: {exc}") from None
        elif each:
            raise SnippetError(f"{rel}: needs {producer!r}: 'each' needs a selector")
        producers[producer] = (others, path.parent / name, each)
    timeout = meta.get("timeout", DEFAULT_TIMEOUT)
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise SnippetError(f"{rel}: timeout must be a positive number of seconds")
    scenario = meta.get("scenario")
    if scenario is not None and not (isinstance(scenario, str) and scenario):
        raise SnippetError(f"{rel}: scenario must be a non-empty string")
    return Snippet(path, outcome, exception, names, sels, needs, producers, float(timeout),
                   per_runtime, scenario)


def _expectation(where: str, table: dict) -> tuple[str, str | None]:
    outcome = table.get("outcome")
    if outcome not in ("ok", "raises"):
        raise SnippetError(f"{where}: outcome must be \"ok\" or \"raises\", not {outcome!r}")
    exception = table.get("exception")
    if outcome == "raises" and not (isinstance(exception, str) and exception):
        raise SnippetError(f"{where}: outcome \"raises\" needs exception = \"TypeName\"")
    if outcome == "ok" and exception is not None:
        raise SnippetError(f"{where}: outcome \"ok\" cannot name an exception")
    return outcome, exception


_cache: dict[Path, list[Snippet]] = {}


def discover(root: Path = SNIPPETS) -> list[Snippet]:
    """Snippets are the files named NNN_...; other .py files are modules they import.
    Parsed once per process for the project's own folder."""
    root = Path(root)
    if root == SNIPPETS and root in _cache:
        return _cache[root]
    found = [parse(p) for p in sorted(root.rglob("*.py")) if re.match(r"\d{3}_", p.name)]
    if root == SNIPPETS:
        _cache[root] = found
    return found


def by_key(root: Path = SNIPPETS) -> dict[str, Snippet]:
    return {s.key: s for s in discover(root)}


def closure(selector: str) -> list[str]:
    """The runtimes a selector names, with the runtimes their snippets' producers run on."""
    names = [rt.name for rt in runtimes.to_run([selector])]
    found = dict.fromkeys(names)
    for s in discover():
        if set(s.runtimes) & set(names):
            for others, _, _ in s.producers.values():
                found.update(dict.fromkeys(others or []))
    return [n for n in runtimes.RUNTIMES if n in found]


if __name__ == "__main__":  # python -m kb.engine.snippets closure SELECTOR
    import sys

    if sys.argv[1:2] != ["closure"] or len(sys.argv) != 3:
        raise SystemExit("usage: python -m kb.engine.snippets closure SELECTOR")
    print(" ".join(closure(sys.argv[2])))
