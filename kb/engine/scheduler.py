"""Execution: one scheduler over every (runtime, snippet) pair of a test run.

Pairs form a dependency graph (a snippet ``needs`` files of a producer, on its own runtime or
on another). The scheduler runs each pair once, dependencies first, at most ``jobs`` at a time
(the cores), with zygotes of several runtimes alive at once (kb/engine/child.py: each imports its
Keras once and forks a child per snippet). A producer's files are copied into each consumer's
own temporary directory. Pairs can be added while it runs; ``result`` waits for one.
"""
from __future__ import annotations

import collections
import glob
import json
import os
import queue
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb.engine import cache as kept_results, output, runtimes
from kb.engine.launch import ForkLauncher, FreshLauncher
from kb.engine.snippets import Snippet, SnippetError, parse


@dataclass
class Result:
    snippet: Snippet
    runtime: str
    output: str = ""
    outcome: str | None = None  # "ok" | "raises" | None when it did not finish
    exception: str | None = None
    seconds: float = 0.0  # the snippet's own time, measured in its process
    problem: str | None = None  # timeout, crash, failed dependency
    cwd: str | None = None
    versions: dict = field(default_factory=dict)  # resolved package versions it ran with
    import_output: str = ""  # what importing the runtime's preload printed (kb/engine/child.py)


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


def failed(res: Result) -> bool:
    return bool(expectation_errors(res))


# --------------------------------------------------------------------------- scheduler

Pair = tuple[str, str]  # (runtime name, snippet path)


@dataclass
class Stats:
    startup: float = 0.0  # zygote start-up, summed over its starts
    starts: int = 0
    count: int = 0
    own: float = 0.0  # the snippets' own times


ZYGOTE_GB = 0.6  # an idle zygote with TensorFlow imported: measured RSS 0.39-0.55 GB


def zygote_budget(jobs: int) -> int:
    """How many zygotes may be alive at once: KB_MAX_ZYGOTES, else as many as 60 % of the
    available memory holds (at least one more than the jobs). Keeping a zygote alive while
    its runtime still has pairs waiting on other runtimes' producers saves its second start
    (the version grid needs 19 alive at once; half of this 24 GB machine's ~22 GB available
    held 18, and the bench then started one or two zygotes twice)."""
    if os.environ.get("KB_MAX_ZYGOTES"):
        return max(1, int(os.environ["KB_MAX_ZYGOTES"]))
    try:
        with open("/proc/meminfo") as f:
            kb = next(int(line.split()[1]) for line in f if line.startswith("MemAvailable:"))
    except (OSError, StopIteration, ValueError):
        return jobs + 1
    return max(jobs + 1, int(kb / 2**20 * 0.6 / ZYGOTE_GB))


class Scheduler:
    def __init__(self, *, fresh: bool = False, jobs: int | None = None,
                 workdir: Path | None = None, max_zygotes: int | None = None,
                 cache: kept_results.Store | None = None):
        self.fresh = fresh
        self.cache = cache  # results of unchanged pairs, from earlier runs (kb/engine/cache.py)
        self.keys: dict[Pair, str | None] = {}
        self.kept: set[Pair] = set()  # results taken from the cache, so without their files
        self.jobs = jobs or int(os.environ.get("KB_JOBS", 0)) or os.cpu_count() or 2
        self.max_zygotes = max_zygotes or zygote_budget(self.jobs)
        self.base = Path(workdir or tempfile.mkdtemp(prefix="kb-run-"))
        self.snippets: dict[Pair, Snippet] = {}
        self.deps: dict[Pair, list[tuple[Pair, list[str], str]]] = {}  # (pair, files, into folder)
        self.dependents: dict[Pair, int] = {}
        self.results: dict[Pair, Result] = {}
        self.waiting: dict[Pair, threading.Event] = {}
        self.running: dict[Pair, float] = {}
        self.wanted: set[Pair] = set()  # what a caller of result() waits for, and its producers
        self.launchers: dict[str, object] = {}
        self.starting: set[str] = set()
        self.stats: dict[str, Stats] = {}
        self.events: queue.Queue = queue.Queue()
        self.lock = threading.RLock()
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.started = time.perf_counter()
        self.peak = 0  # the most zygotes alive at once

    # graph ------------------------------------------------------------------
    def add(self, pairs) -> None:
        """Add (runtime name, Snippet) pairs and everything they need; start running."""
        with self.lock:
            stack = [(rt, s) for rt, s in pairs]
            new = []
            while stack:
                rt, s = stack.pop()
                pair = (rt, str(s.path))
                if pair in self.snippets:
                    continue
                new.append(pair)
                if rt not in s.runtimes:
                    raise SnippetError(f"{s.rel} does not run on {rt}")
                self.snippets[pair] = s
                self.waiting[pair] = threading.Event()
                self.deps[pair] = []
                for producer, files in s.needs.items():
                    others, path, each = s.producers[producer]
                    p = parse(path)
                    for prt in others or [rt]:
                        if prt not in p.runtimes:
                            raise SnippetError(f"{s.rel}: needs {producer}, which does not run on {prt}")
                        dep = (prt, str(p.path))
                        self.deps[pair].append((dep, files, prt if each else ""))
                        self.dependents[dep] = self.dependents.get(dep, 0) + 1
                        stack.append((prt, p))
            for pair in new if self.cache else ():
                key = self._key(pair)
                data = key and self.cache.get(key)
                if data:
                    self.kept.add(pair)
                    self._finish(pair, Result(self.snippets[pair], pair[0], **data))
            if self.thread is None:
                self.thread = threading.Thread(target=self._loop, daemon=True)
                self.thread.start()
            else:
                self.events.put(("wake", None, None, None))

    def result(self, runtime: str, snippet: Snippet) -> Result:
        pair = (runtime, str(snippet.path))
        if pair not in self.snippets:
            self.add([(runtime, snippet)])
        with self.lock:
            if pair not in self.results:  # it goes first, its producers before it
                todo = [pair]
                while todo:
                    self.wanted.add(todo[-1])
                    todo += [d for d, _, _ in self.deps[todo.pop()] if d not in self.wanted]
                self.events.put(("wake", None, None, None))
        while True:
            if self.waiting[pair].wait(1):
                with self.lock:  # a kept result may have been taken back to run again
                    if pair in self.results:
                        return self.results[pair]
            if self.error:  # the loop sets every event when it stops: never wait on them again
                raise RuntimeError(f"the scheduler stopped: {self.error}") from self.error

    def run(self, pairs) -> dict[Pair, Result]:
        pairs = list(pairs)
        self.add(pairs)
        return {(rt, str(s.path)): self.result(rt, s) for rt, s in pairs}

    def _key(self, pair: Pair) -> str | None:
        """The cache key of a pair: None when it, or a pair it needs, is not kept."""
        if pair not in self.keys:
            s = self.snippets[pair]
            needs = [self._key(d) for d, _, _ in self.deps[pair]]
            self.keys[pair] = (self.cache.key(s, pair[0], needs)
                               if self.cache.keeps(s) and None not in needs else None)
        return self.keys[pair]

    def _take_back(self) -> None:
        """A pair that runs needs its producers' files: a kept producer runs again."""
        todo = [p for p in self.snippets if p not in self.results]
        while todo:
            for dep, _, _ in self.deps[todo.pop()]:
                if dep in self.kept:
                    self.kept.discard(dep)
                    del self.results[dep]
                    self.waiting[dep].clear()
                    todo.append(dep)

    # loop -------------------------------------------------------------------
    def _finish(self, pair: Pair, res: Result) -> None:
        self.results[pair] = res
        self.waiting[pair].set()

    def _pending(self, rt: str) -> list[Pair]:
        return [p for p in self.snippets if p[0] == rt and p not in self.results]

    def _unfinished(self, pair: Pair) -> int:
        return sum(d not in self.results for d, _, _ in self.deps[pair])

    def _ready(self) -> list[Pair]:
        if self.kept:
            self._take_back()
        ready = []
        for pair in self.snippets:
            if pair in self.results or pair in self.running:
                continue
            deps = self.deps[pair]
            bad = next((d for d, _, _ in deps if d in self.results and failed(self.results[d])), None)
            if bad:
                s, b = self.snippets[pair], self.snippets[bad]
                where = "" if bad[0] == pair[0] else f" on {bad[0]}"
                self._finish(pair, Result(s, pair[0], problem=(
                    f"not run: the snippet it needs failed ({b.rel}{where})")))
                continue
            if all(d in self.results for d, _, _ in deps):
                ready.append(pair)
        # what a test waits for first; then a live zygote's pairs (one start per runtime);
        # then, to start, a runtime that can finish all its work at once (it waits for no
        # other runtime's pair), so the budget is left to the ones that must wait; producers
        # first (they unblock others), then the runtime with the least work left (its zygote
        # closes sooner), registry order
        order = {name: i for i, name in enumerate(runtimes.RUNTIMES)}
        todo = [p for p in self.snippets if p not in self.results]
        left = collections.Counter(p[0] for p in todo)
        waits = {p[0] for p in todo if any(d[0] != p[0] and d not in self.results
                                          for d, _, _ in self.deps[p])}
        ready.sort(key=lambda p: (p not in self.wanted, p[0] not in self.launchers,
                                  p[0] not in self.launchers and p[0] in waits,
                                  -self.dependents.get(p, 0), left[p[0]],
                                  order.get(p[0], 0), p[1]))
        return ready

    def _start_zygote(self, rt_name: str) -> None:
        self.starting.add(rt_name)

        def start():
            try:
                rt = runtimes.get(rt_name)
                runtimes.check_installed(rt)
                self.base.mkdir(parents=True, exist_ok=True)
                log = self.base / f"{rt_name}.zygote.log"
                launcher = (FreshLauncher if self.fresh else ForkLauncher)(rt, self.events, log)
                self.events.put(("ready", rt_name, None, launcher))
            except BaseException as exc:  # every pair of this runtime reports it
                self.events.put(("failed", rt_name, None, exc))

        threading.Thread(target=start, daemon=True).start()

    def cwd(self, pair: Pair) -> Path:
        return self.base / pair[0] / self.snippets[pair].key.replace("/", "__")

    def _launch(self, pair: Pair) -> None:
        rt, _ = pair
        s = self.snippets[pair]
        cwd = self.cwd(pair)
        if cwd.exists():  # the scheduler's own folder, left by an earlier run in this workdir
            shutil.rmtree(cwd)
        cwd.mkdir(parents=True)
        for dep, files, folder in self.deps[pair]:
            src = Path(self.results[dep].cwd)
            (cwd / folder).mkdir(exist_ok=True)
            for pattern in files:
                found = sorted(p.name for p in src.glob(pattern)) if glob.has_magic(pattern) else \
                    [pattern] if (src / pattern).exists() else []
                if not found:
                    self._finish(pair, Result(s, rt, problem=(
                        f"not run: {self.snippets[dep].path.name} on {dep[0]} did not write {pattern}")))
                    return
                for f in found:
                    (shutil.copytree if (src / f).is_dir() else shutil.copy2)(src / f, cwd / folder / f)
        self.running[pair] = time.perf_counter()
        self.launchers[rt].start({"id": pair[1], "path": str(s.path), "cwd": str(cwd),
                                  "out": f"{cwd}.out", "meta": f"{cwd}.json", "timeout": s.timeout,
                                  "packages": runtimes.get(rt).distributions})

    def _busy(self) -> int:
        return len(self.running) + len(self.starting)

    def _loop(self):
        try:
            while True:
                with self.lock:
                    self._schedule()
                kind, rt, job, msg = self.events.get()
                with self.lock:
                    if kind == "ready":
                        self.starting.discard(rt)
                        self.launchers[rt] = msg
                        self.peak = max(self.peak, len(self.launchers))
                        st = self.stats.setdefault(rt, Stats())
                        st.startup += msg.startup
                        st.starts += 1
                    elif kind == "failed":
                        self.starting.discard(rt)
                        for pair in self._pending(rt):
                            if pair not in self.running:
                                self._finish(pair, Result(self.snippets[pair], rt, problem=str(msg)))
                    elif kind == "done":
                        pair = (rt, job)
                        res = collect(self.snippets[pair], rt, self.cwd(pair), msg)
                        self.running.pop(pair)
                        st = self.stats.setdefault(rt, Stats())
                        st.count += 1
                        st.own += res.seconds
                        if self.keys.get(pair) and not failed(res):
                            self.cache.put(self.keys[pair], res)
                        self._finish(pair, res)
                    elif kind == "died" and rt in self.launchers:
                        self.launchers.pop(rt)
                        for pair in [p for p in self.running if p[0] == rt]:
                            self.running.pop(pair)
                            self._finish(pair, Result(self.snippets[pair], rt,
                                                      problem=f"runtime {rt}: the zygote died"))
        except BaseException as exc:
            self.error = exc
            for event in self.waiting.values():
                event.set()

    def _schedule(self):
        ready = self._ready()
        # close zygotes with nothing left to do
        for rt in [r for r in self.launchers if not self._pending(r)]:
            self.launchers.pop(rt).close(wait=False)
        for pair in ready:
            if self._busy() >= self.jobs:
                break
            rt = pair[0]
            if rt in self.launchers:
                self._launch(pair)
                continue
            if rt in self.starting:
                continue
            if len(self.launchers) + len(self.starting) >= self.max_zygotes:
                idle = [r for r in self.launchers
                        if not any(p[0] == r for p in self.running)
                        and not any(p[0] == r for p in ready)]
                if not idle:
                    continue
                # the one furthest from having work again goes (most producers still to
                # finish before any of its pairs is ready), then the one with the least work
                idle.sort(key=lambda r: (-min(self._unfinished(p) for p in self._pending(r)),
                                         len(self._pending(r))))
                self.launchers.pop(idle[0]).close(wait=False)
            self._start_zygote(rt)
        if not ready and not self.running and not self.starting:
            stuck = [p for p in self.snippets if p not in self.results]
            for pair in stuck:  # their dependencies can never finish: a cycle
                self._finish(pair, Result(self.snippets[pair], pair[0], problem=(
                    "not run: its dependencies form a cycle")))

    def close(self):
        with self.lock:
            for launcher in self.launchers.values():
                launcher.close()
            self.launchers.clear()


def collect(s: Snippet, runtime: str, cwd: Path, msg: dict) -> Result:
    """The Result of a finished job, from the files its process wrote beside ``cwd``."""
    res = Result(s, runtime, cwd=str(cwd))
    out, meta = Path(f"{cwd}.out"), Path(f"{cwd}.json")
    raw = out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""
    res.output = output.normalize(raw, [str(cwd), str(cwd.parent)])
    if msg["status"] == "timeout":
        res.problem = f"timed out after {s.timeout:g} s (killed)\n{res.output}"
    elif not meta.exists():
        res.problem = f"the snippet's process died ({msg}) before reporting\n{res.output}"
    else:
        info = json.loads(meta.read_text())
        res.outcome, res.exception = info["outcome"], info["exception"]
        res.seconds, res.versions = info["seconds"], info.get("versions", {})
        res.import_output = output.normalize(info.get("import_output", ""), [])
    return res


def run_all(snippets: list[Snippet], runtime: str, *, fresh: bool = False,
            jobs: int | None = None, workdir: Path | None = None) -> dict[str, Result]:
    """Every snippet of the list that runs on ``runtime`` (and what it needs), on its own:
    {snippet key: Result}. The test run uses one Scheduler for everything instead."""
    sched = Scheduler(fresh=fresh, jobs=jobs, workdir=workdir)
    try:
        got = sched.run([(runtime, s) for s in snippets if runtime in s.runtimes])
    finally:
        sched.close()
    return {sched.snippets[pair].key: res for pair, res in got.items()}
