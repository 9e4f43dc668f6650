"""The snippet runner: discovery, expectation headers, execution, goldens.

Every example on the site is a file ``snippets/<topic>/NNN_<fail|fix|check>_<what>.py``
that carries its own expectation in a header block::

    # /// kb
    # outcome = "raises"            # or "ok"
    # exception = "ValueError"      # with "raises": the exception type it must raise
    # runtimes = ["keras3"]         # names from kb.runtimes
    # needs = {"010_fix_save.py" = ["model.keras"]}  # files from earlier snippets
    #         ("keras2-tf2.15:010_x.py" = [...]: made by that snippet on another runtime)
    # timeout = 120                 # seconds (optional)
    # scenario = "..."              # optional: behaviour-matrix row shared by several snippets
    # [expect."keras2-tf2.15"]      # optional: where a runtime behaves differently
    # outcome = "ok"
    # ///

Each snippet runs in its own process with a fresh ``__main__`` in its own temporary
directory (see kb/child.py). Its normalized output is compared with the golden
``<stem>.<runtime>.out`` beside it; ``pytest --update-goldens`` rewrites goldens.

This module is also the pytest plugin (tests/conftest.py loads it) that adds the
``--update-goldens``, ``--fresh`` and ``--runtime`` options.
"""
from __future__ import annotations

import difflib
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kb import runtimes

ROOT = runtimes.ROOT
SNIPPETS = ROOT / "snippets"
NAME_RE = re.compile(r"^\d{3}_(fail|fix|check)_[a-z0-9_]+\.py$")
HEADER_RE = re.compile(r"^# /// kb\s*$(.*?)^# ///\s*$", re.M | re.S)
DEFAULT_TIMEOUT = 120


class SnippetError(Exception):
    """A snippet or its header is wrong; the message names the file."""


@dataclass
class Snippet:
    path: Path
    outcome: str
    exception: str | None
    runtimes: list[str]
    needs: dict[str, list[str]] = field(default_factory=dict)
    timeout: float = DEFAULT_TIMEOUT
    per_runtime: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    scenario: str | None = None  # the behaviour-matrix row, when snippets share one

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

    def golden(self, runtime: str) -> Path:
        return self.path.with_name(f"{self.path.stem}.{runtime}.out")


def golden_runtime(path: str | Path) -> str | None:
    """The runtime a golden file belongs to (``<stem>.<runtime>.out``), or None."""
    name = Path(path).name
    return next((rt for rt in runtimes.RUNTIMES if name.endswith(f".{rt}.out")), None)


def _rel(path: Path) -> str:
    return (path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).as_posix()


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
    unknown = set(meta) - {"outcome", "exception", "runtimes", "needs", "timeout", "expect",
                           "scenario"}
    if unknown:
        raise SnippetError(f"{rel}: unknown header keys: {sorted(unknown)}")
    outcome, exception = _expectation(rel, meta)
    per_runtime = {}
    for name, table in meta.get("expect", {}).items():
        if name not in meta.get("runtimes", []):
            raise SnippetError(f"{rel}: [expect.{name!r}] names a runtime not in runtimes")
        if not isinstance(table, dict) or set(table) - {"outcome", "exception"}:
            raise SnippetError(f"{rel}: [expect.{name!r}] may set only outcome and exception")
        per_runtime[name] = _expectation(f"{rel} [expect.{name!r}]", table)
    rts = meta.get("runtimes")
    if not (isinstance(rts, list) and rts and all(isinstance(r, str) for r in rts)):
        raise SnippetError(f"{rel}: runtimes must be a non-empty list of runtime names")
    for name in rts:
        try:
            runtimes.get(name)
        except runtimes.UnknownRuntime as exc:
            raise SnippetError(f"{rel}: {exc}") from None
    needs = meta.get("needs", {})
    if not isinstance(needs, dict) or not all(
        isinstance(v, list) and all(isinstance(f, str) for f in v) for v in needs.values()
    ):
        raise SnippetError(f"{rel}: needs must map a snippet file name to a list of files")
    for producer in needs:
        other, _, name = producer.rpartition(":")
        if not (path.parent / name).is_file():
            raise SnippetError(f"{rel}: needs {name!r}, which is not in {path.parent.name}/")
        if other:
            try:
                runtimes.get(other)
            except runtimes.UnknownRuntime as exc:
                raise SnippetError(f"{rel}: needs {producer!r}: {exc}") from None
    timeout = meta.get("timeout", DEFAULT_TIMEOUT)
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise SnippetError(f"{rel}: timeout must be a positive number of seconds")
    scenario = meta.get("scenario")
    if scenario is not None and not (isinstance(scenario, str) and scenario):
        raise SnippetError(f"{rel}: scenario must be a non-empty string")
    return Snippet(path, outcome, exception, rts, needs, float(timeout), per_runtime, scenario)


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


def discover(root: Path = SNIPPETS) -> list[Snippet]:
    """Snippets are the files named NNN_...; other .py files are modules they import."""
    return [parse(p) for p in sorted(root.rglob("*.py")) if re.match(r"\d{3}_", p.name)]


# --------------------------------------------------------------------------- output

_NOISE = [
    re.compile(r"^WARNING: All log messages before absl::InitializeLog\(\) is called.*$"),
    re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ \S+:\d+\] .*$"),  # absl
    re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] .*$"),  # TF C++ logging
    re.compile(r"^To enable the following instructions:.*rebuild TensorFlow.*$"),
    re.compile(r"^.*oneDNN custom operations are on.*$"),
    re.compile(r"^\s*warnings\.warn\($"),  # the source line Python prints after a warning
]


def normalize(text: str, tmpdirs: list[str]) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # terminal colours (Keras bolds some messages)
    for d in sorted({p for t in tmpdirs for p in (t, os.path.realpath(t))}, key=len, reverse=True):
        text = text.replace(d, "<tmp>")
    text = re.sub(r"(?:/[\w.+-]+)+/(?:site|dist)-packages/", "<site-packages>/", text)
    text = text.replace(str(ROOT) + "/", "")
    text = re.sub(r"/tmp/[\w.+/-]+", "<tmp>", text)
    text = re.sub(r"\b0x[0-9a-fA-F]{6,}\b", "0x...", text)
    text = re.sub(r"(['\"]shared_object_id['\"]: )\d+", r"\1<id>", text)  # an id()
    text = re.sub(r"(\.py):\d+: (\w*Warning)", r"\1: \2", text)
    text = re.sub(r"\b\d+(\.\d+)?m?s/step\b", "<t>/step", text)
    lines = [ln.rstrip() for ln in text.splitlines()]
    lines = [ln for ln in lines if not any(rx.match(ln) for rx in _NOISE)]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


# --------------------------------------------------------------------------- execution


@dataclass
class Result:
    snippet: Snippet
    runtime: str
    output: str = ""
    outcome: str | None = None  # "ok" | "raises" | None when it did not finish
    exception: str | None = None
    seconds: float = 0.0
    problem: str | None = None  # timeout, crash, failed dependency
    cwd: str | None = None


def expectation_errors(res: Result) -> list[str]:
    s = res.snippet
    outcome, exception = s.expect(res.runtime)
    if res.problem:
        return [f"{s.rel} [{res.runtime}]: {res.problem}"]
    if res.outcome != outcome:
        got = f"raised {res.exception}" if res.outcome == "raises" else "succeeded"
        want = f"raise {exception}" if outcome == "raises" else "succeed"
        return [f"{s.rel} [{res.runtime}]: expected to {want}, but it {got}"]
    if outcome == "raises" and res.exception != exception:
        return [f"{s.rel} [{res.runtime}]: expected {exception}, but it raised {res.exception}"]
    return []


class _Launcher:
    """Starts jobs; each finished job is put on ``self.done`` as (job id, status dict)."""

    def __init__(self, rt: runtimes.Runtime):
        self.rt = rt
        self.done: queue.Queue = queue.Queue()


class ForkLauncher(_Launcher):
    """One zygote per runtime: it imports Keras once and forks a child per snippet."""

    def __init__(self, rt):
        super().__init__(rt)
        self.proc = subprocess.Popen(
            [str(rt.interpreter), "-m", "kb.child", "serve", ",".join(rt.preload)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=rt.environ(), cwd=ROOT,
            text=True, bufsize=1, start_new_session=True,
        )
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"runtime {rt.name}: the zygote died while preloading "
                               f"{', '.join(rt.preload)} (run with --fresh to see why)")
        self.preload_seconds = json.loads(line)["preload_seconds"]
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            msg = json.loads(line)
            self.done.put((msg["id"], msg))
        self.done.put((None, {"status": "zygote-died"}))

    def start(self, job):
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except Exception:
            os.killpg(self.proc.pid, signal.SIGKILL)


class FreshLauncher(_Launcher):
    """Audit mode: every snippet in a brand-new interpreter."""

    def start(self, job):
        def run():
            proc = subprocess.Popen(
                [str(self.rt.interpreter), "-m", "kb.child", "run",
                 ",".join(self.rt.preload), json.dumps(job)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env=self.rt.environ(), cwd=ROOT, start_new_session=True,
            )
            try:
                code = proc.wait(timeout=job["timeout"] + 60)  # + the interpreter's own import
                self.done.put((job["id"], {"status": "exited", "code": code}))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                self.done.put((job["id"], {"status": "timeout"}))

        threading.Thread(target=run, daemon=True).start()

    def close(self):
        pass


def run_all(snippets: list[Snippet], runtime: str, *, fresh: bool = False,
            jobs: int | None = None, workdir: Path | None = None) -> dict[str, Result]:
    """Run every snippet that applies to ``runtime``, dependencies first, in parallel.

    Returns {snippet key: Result}; each Result's ``cwd`` is left in place so a later
    snippet (or a test) can read the files it wrote."""
    rt = runtimes.get(runtime)
    runtimes.check_installed(rt)
    todo = {s.key: s for s in snippets if runtime in s.runtimes}
    base = Path(workdir or tempfile.mkdtemp(prefix=f"kb-{runtime}-"))
    # files made on another runtime (a model saved by Keras 2 and loaded by Keras 3):
    # run those producers first, on their own runtime
    foreign: dict[str, dict[str, Result]] = {}
    for other in sorted({p.rpartition(":")[0] for s in todo.values() for p in s.needs} - {""}):
        wanted = {(s.path.parent, p.rpartition(":")[2]) for s in todo.values() for p in s.needs
                  if p.rpartition(":")[0] == other}
        foreign[other] = run_all(closure(wanted), other, fresh=fresh, jobs=jobs,
                                 workdir=base / f"made-on-{other}")
    results: dict[str, Result] = {}
    by_file = {(s.path.parent, s.path.name): s.key for s in todo.values()}
    deps = {}
    for key, s in todo.items():
        deps[key] = []
        for producer in s.needs:
            other, _, name = producer.rpartition(":")
            if other:
                pkey = f"{s.path.parent.name}/{Path(name).stem}"
                res = foreign[other].get(pkey)
                if res is None or _failed(res):
                    results[key] = Result(s, runtime, problem=(
                        f"not run: {producer} did not run cleanly on {other}"))
                continue
            pkey = by_file.get((s.path.parent, name))
            if pkey is None:
                raise SnippetError(f"{s.rel}: needs {producer}, which does not run on {runtime}")
            deps[key].append(pkey)
    jobs = jobs or int(os.environ.get("KB_JOBS", 0)) or os.cpu_count() or 2
    launcher = FreshLauncher(rt) if fresh else ForkLauncher(rt)
    running: dict[str, float] = {}
    try:
        while len(results) < len(todo):
            for key, s in todo.items():
                if key in results or key in running or len(running) >= jobs:
                    continue
                failed = [d for d in deps[key] if d in results and _failed(results[d])]
                if failed:
                    results[key] = Result(s, runtime, problem=(
                        f"not run: the snippet it needs failed ({todo[failed[0]].rel})"))
                    continue
                if not all(d in results for d in deps[key]):
                    continue
                cwd = base / key.replace("/", "__")
                cwd.mkdir(parents=True)
                for producer, files in s.needs.items():
                    other, _, name = producer.rpartition(":")
                    made = (foreign[other][f"{s.path.parent.name}/{Path(name).stem}"] if other
                            else results[by_file[(s.path.parent, name)]])
                    src = Path(made.cwd)
                    for f in files:
                        if not (src / f).exists():
                            results[key] = Result(s, runtime, problem=(
                                f"not run: {producer} did not write {f}"))
                            break
                        (shutil.copytree if (src / f).is_dir() else shutil.copy2)(src / f, cwd / f)
                if key in results:
                    continue
                launcher.start({"id": key, "path": str(s.path), "cwd": str(cwd),
                                "out": str(base / f"{cwd.name}.out"),
                                "meta": str(base / f"{cwd.name}.json"), "timeout": s.timeout})
                running[key] = time.perf_counter()
            if len(results) >= len(todo):
                break
            if not running:
                raise RuntimeError("snippet dependencies form a cycle: "
                                   + ", ".join(k for k in todo if k not in results))
            key, msg = launcher.done.get()
            if key is None:
                raise RuntimeError(f"runtime {runtime}: the zygote died")
            results[key] = _collect(todo[key], runtime, base, msg, time.perf_counter() - running.pop(key))
    finally:
        launcher.close()
    return results


def closure(wanted: set[tuple[Path, str]]) -> list[Snippet]:
    """The snippets named by (folder, file name), with the snippets they need, recursively."""
    found: dict[Path, Snippet] = {}
    stack = [folder / name for folder, name in wanted]
    while stack:
        path = stack.pop()
        if path not in found:
            found[path] = parse(path)
            stack += [path.parent / p.rpartition(":")[2] for p in found[path].needs
                      if not p.rpartition(":")[0]]
    return list(found.values())


def _failed(res: Result) -> bool:
    return bool(expectation_errors(res))


def _collect(s: Snippet, runtime: str, base: Path, msg: dict, wall: float) -> Result:
    cwd = base / s.key.replace("/", "__")
    res = Result(s, runtime, seconds=wall, cwd=str(cwd))
    out = base / f"{cwd.name}.out"
    raw = out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""
    res.output = normalize(raw, [str(cwd), str(base)])
    meta = base / f"{cwd.name}.json"
    if msg["status"] == "timeout":
        res.problem = f"timed out after {s.timeout:g} s (killed)\n{res.output}"
    elif not meta.exists():
        res.problem = f"the snippet's process died ({msg}) before reporting\n{res.output}"
    else:
        info = json.loads(meta.read_text())
        res.outcome, res.exception = info["outcome"], info["exception"]
    return res


def golden_diff(res: Result, golden: Path | None = None) -> str | None:
    """None when the output matches the golden, else a unified diff (or why not)."""
    golden = golden or res.snippet.golden(res.runtime)
    if not golden.exists():
        return (f"missing golden {_rel(golden)} for {res.snippet.rel} on "
                f"{res.runtime}; create it with `pytest --update-goldens`")
    want = golden.read_text(encoding="utf-8")
    if want == res.output:
        return None
    diff = difflib.unified_diff(want.splitlines(True), res.output.splitlines(True),
                                f"{_rel(golden)} (golden)", "actual output")
    return "output differs from the golden (`pytest --update-goldens` rewrites it):\n" + "".join(diff)


# --------------------------------------------------------------------------- pytest plugin

_results: dict = {}
_session_tmp: list[Path] = []


def session_workdir(name: str) -> Path:
    """A fresh directory for one run, removed when the test session ends."""
    if not _session_tmp:
        _session_tmp.append(Path(tempfile.mkdtemp(prefix="kb-session-")))
    path = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=_session_tmp[0]))
    return path


def cached_results(config, runtime: str, fresh: bool | None = None) -> dict[str, Result]:
    """All snippets of a runtime, run once per test session (in parallel) and shared."""
    fresh = config.getoption("--fresh") if fresh is None else fresh
    if (runtime, fresh) not in _results:
        workdir = session_workdir(f"{runtime}-{'fresh' if fresh else 'forked'}")
        try:
            _results[runtime, fresh] = run_all(discover(), runtime, fresh=fresh, workdir=workdir)
        except Exception as exc:  # remembered: every test of this runtime reports the same cause
            _results[runtime, fresh] = exc
    res = _results[runtime, fresh]
    if isinstance(res, Exception):
        raise res
    return res


def pytest_sessionfinish(session):
    for path in _session_tmp:
        shutil.rmtree(path, ignore_errors=True)



def pytest_addoption(parser):
    group = parser.getgroup("kb", "snippet runner")
    group.addoption("--update-goldens", action="store_true",
                    help="rewrite golden outputs from this run")
    group.addoption("--fresh", action="store_true",
                    help="run each snippet in a brand-new interpreter (audit mode)")
    group.addoption("--runtime", action="append", default=None, metavar="NAME",
                    help=f"runtime(s) to run snippets on; 'all' for every one "
                         f"(default: {runtimes.DEFAULT})")


def selected_runtimes(config) -> list[str]:
    names = config.getoption("--runtime") or [runtimes.DEFAULT]
    if "all" in names:
        return list(runtimes.RUNTIMES)
    for name in names:
        try:
            runtimes.get(name)
        except runtimes.UnknownRuntime as exc:
            import pytest

            raise pytest.UsageError(str(exc)) from None
    return names


def pytest_configure(config):
    selected_runtimes(config)  # an unknown --runtime fails before anything runs
