"""The snippet model: discovery, expectation headers, goldens.

Every example on the site is a file ``snippets/<topic>/NNN_<fail|fix|check>_<what>.py``
that carries its own expectation in a header block::

    # /// kb
    # outcome = "raises"            # or "ok"
    # exception = "ValueError"      # with "raises": the exception type it must raise
    # runtimes = ["keras3>=3.10"]   # selectors: a family and a PEP 440 range (kb/runtimes.py)
    # needs = {"010_fix_save.py" = ["model.keras"]}  # files from earlier snippets ("*": all)
    #         ("keras2:010_x.py" = [...]: made by that snippet on the newest release
    #          the selector names; "each keras2:010_x.py": on every release it names,
    #          each release's files in a folder named after it)
    # timeout = 120                 # seconds (optional)
    # scenario = "..."              # optional: behaviour-matrix row shared by several snippets
    # [expect."keras3<3.11"]        # optional: where some releases behave differently
    # outcome = "ok"
    # ///

Goldens live beside the snippet, one per change point, found from its name alone:

    <stem>.out                      the output of every runtime with no golden of its family
    <stem>.<family>.out             the family's output from its oldest release on
    <stem>.<family>-<version>.out   the family's output from <version> on

A runtime's golden is its family's file with the highest version at or below its own, else
``<stem>.<family>.out``, else ``<stem>.out``. ``plan_goldens`` writes the fewest such files.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version

from kb import runtimes

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
        return _rel(self.path)

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

    # goldens ---------------------------------------------------------------
    def golden_files(self) -> dict[str, Path]:
        """token -> path of every golden on disk ("" for <stem>.out)."""
        found = {}
        for p in self.path.parent.glob(f"{self.path.stem}.*"):
            if p.suffix == ".out":
                token = p.name[len(self.path.stem) + 1:-len(".out")]
                found[token] = p
        return found

    def golden(self, runtime: str, files: dict[str, Path] | None = None) -> Path:
        """The golden that holds a runtime's expected output (it may not exist yet)."""
        rt = runtimes.get(runtime)
        files = self.golden_files() if files is None else files
        points = []
        for token in files:
            fam, version = parse_token(token, self)
            if fam == rt.family.name and version is not None and version <= rt.key:
                points.append((version, token))
        if points:
            return files[max(points)[1]]
        for token in (rt.family.name, ""):
            if token in files:
                return files[token]
        return self.path.with_name(f"{self.path.stem}.{rt.family.name}.out")


def parse_token(token: str, snippet: Snippet | None = None) -> tuple[str | None, Version | None]:
    """A golden's middle part -> (family, change-point version); ("", None) is <stem>.out."""
    if token == "":
        return "", None
    if token in runtimes.FAMILIES:
        return token, None
    for fam in sorted(runtimes.FAMILIES, key=len, reverse=True):
        if token.startswith(fam + "-"):
            try:
                return fam, Version(token[len(fam) + 1:])
            except InvalidVersion:
                pass
    where = f"{snippet.path.parent.name}/" if snippet else ""
    raise SnippetError(f"snippets/{where}{snippet.path.stem if snippet else ''}.{token}.out: "
                       f"a golden is <stem>.out, <stem>.<family>.out or "
                       f"<stem>.<family>-<version>.out (families: {', '.join(runtimes.FAMILIES)})")


def plan_goldens(s: Snippet, outputs: dict[str, str]) -> dict[str, str]:
    """The fewest golden files (token -> text) that give every runtime in ``outputs`` its
    text: a family's file at each change point, and <stem>.out for the first output that
    two or more families share."""
    by_family: dict[str, list[tuple[runtimes.Runtime, str]]] = {}
    for name in s.runtimes:
        if name in outputs:
            rt = runtimes.get(name)
            by_family.setdefault(rt.family.name, []).append((rt, outputs[name]))
    segments = {}
    for fam, runs in by_family.items():
        segs = []
        for rt, text in sorted(runs, key=lambda r: r[0].key):
            if not segs or segs[-1][1] != text:
                segs.append((rt, text))
        segments[fam] = segs
    firsts = [segs[0][1] for segs in segments.values()]
    common = max(firsts, key=firsts.count) if firsts else None
    if firsts.count(common) < 2:
        common = None
    plan = {}
    if common is not None:
        plan[""] = common
    for fam, segs in segments.items():
        for i, (rt, text) in enumerate(segs):
            if i == 0:
                if text != common:
                    plan[fam] = text
            else:
                plan[f"{fam}-{rt.version}"] = text
    return plan


def _rel(path: Path) -> str:
    return (path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).as_posix()


HEADER_KEYS = {"outcome", "exception", "runtimes", "needs", "timeout", "expect", "scenario"}


def parse(path: Path) -> Snippet:
    path = Path(path).resolve()
    rel = _rel(path)
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
                others = [rt.name for rt in runtimes.resolve([sel])] if each else [runtimes.newest(sel).name]
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
