"""The pytest plugin (``-p kb.engine.plugin`` in pyproject's addopts): options, one scheduler for
the whole run, goldens and the results data.

* ``--runtime`` takes runtime names or selectors (``keras3``, ``keras3>=3.11``), or ``all``.
* When collection is done, every selected (runtime, snippet) pair, from tests/test_snippets.py
  and from the pages' shown blocks, goes to one Scheduler, which starts at once; each test
  waits for its own pair. Deselected pairs (``-k``, node ids) never run; their producers do.
* A pair whose snippet, runtime, producers and engine are unchanged since an earlier run
  takes that run's result from .kb-cache/results/ (kb/engine/cache.py); ``--no-cache`` runs it.
* Under pytest-xdist (``make test`` runs ``-n 2 --dist loadgroup``) every test that reads a
  pair's result, or is marked ``scheduler`` (it runs code through the scheduler), is in one
  group, so one worker holds the one scheduler, started on its first such test; every other
  test is grouped by its file, or its class (module fixtures are set up once a group). The
  worker's summary lines reach the controller's terminal summary (``workeroutput``).
* ``--update-goldens`` rewrites the fewest goldens (kb/engine/goldens.py) from this run,
  with the committed goldens of the runtimes that did not run, removes stale ones, and prints
  what it created, changed and removed; it also rewrites results/<runtime>.json.
  ``--create-goldens`` only writes the goldens that are missing (a new snippet or release).
"""
from __future__ import annotations

import json
import shutil
import textwrap
import tempfile
from pathlib import Path

import pytest

from kb.engine import cache, goldens, results, runtimes, snippets
from kb.engine.scheduler import Result, Scheduler, expectation_errors

_state: dict = {}


def pytest_addoption(parser):
    group = parser.getgroup("kb", "snippet runner")
    group.addoption("--update-goldens", action="store_true",
                    help="rewrite golden outputs (and results/) from this run")
    group.addoption("--create-goldens", action="store_true",
                    help="write only the goldens that are missing; change and remove none")
    group.addoption("--fresh", action="store_true",
                    help="run each snippet in a brand-new interpreter (audit mode)")
    group.addoption("--no-cache", action="store_true",
                    help="run every pair, none taken from .kb-cache/results (kb/engine/cache.py)")
    group.addoption("--results-out", default=None, metavar="DIR",
                    help="also write what this run saw to DIR/<runtime>.json (a CI job's part)")
    group.addoption("--runtime", action="append", default=None, metavar="SELECTOR",
                    help=f"runtime(s) to run snippets on: names or selectors such as "
                         f"'keras3>=3.11', or 'all' (default: {runtimes.DEFAULT})")


def selected_runtimes(config) -> list[str]:
    names = config.getoption("--runtime") or [runtimes.DEFAULT]
    if "all" in names:
        return list(runtimes.RELEASES)  # never a preview (make preview, make drift)
    try:
        return [rt.name for rt in runtimes.to_run(names, "--runtime: ")]
    except runtimes.UnknownRuntime as exc:
        raise pytest.UsageError(str(exc)) from None


def pytest_configure(config):
    selected_runtimes(config)  # an unknown --runtime fails before anything runs
    config.addinivalue_line("markers", "scheduler: the test runs code through the test run's "
                            "scheduler (kb.engine.plugin.run_code), so it runs where the pairs run")


def on_worker(config) -> bool:
    """True in a pytest-xdist worker process."""
    return hasattr(config, "workerinput")


def session_workdir(name: str) -> Path:
    """A fresh directory for one run, removed when the test session ends."""
    if "tmp" not in _state:
        _state["tmp"] = Path(tempfile.mkdtemp(prefix="kb-session-"))
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=_state["tmp"]))


def scheduler(config, fresh: bool | None = None) -> Scheduler:
    fresh = config.getoption("--fresh") if fresh is None else fresh
    key = ("scheduler", fresh)
    if key not in _state:
        keep = not (fresh or config.getoption("--no-cache")) and cache.enabled()
        _state[key] = Scheduler(fresh=fresh, workdir=session_workdir(
            "fresh" if fresh else "forked"), cache=cache.Store() if keep else None)
    return _state[key]


def result(config, runtime: str, snippet: snippets.Snippet) -> Result:
    sched = scheduler(config)
    if _state.get("pairs"):  # an xdist worker starts the scheduler on its first pair
        sched.add(_state.pop("pairs"))
    return sched.result(runtime, snippet)


def run_code(config, selector: str, code: str) -> Result:
    """Code a test needs run on a runtime (the newest release a selector names), through the
    test run's own scheduler: forked from the zygote the snippets use, so Keras is imported
    once. The Result's cwd is its own fresh directory, holding the files it wrote."""
    rt = runtimes.newest(selector)
    path = session_workdir("code") / "code.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return result(config, rt.name, snippets.Snippet(path, "ok", None, [rt.name], [selector]))


def item_pair(item):
    """The (runtime, Snippet) pair whose result a test checks, or None."""
    case = getattr(item, "callspec", None) and item.callspec.params.get("case")
    pair = getattr(item, "kb_pair", None) or case
    return pair if isinstance(pair, tuple) and isinstance(pair[1], snippets.Snippet) else None


@pytest.hookimpl(trylast=True)  # after conftest's, which sets kb_pair
def pytest_collection_modifyitems(config, items):
    """(xdist worker) each test's group, written where the controller's Grouped reads it."""
    if on_worker(config):
        groups = {item.nodeid: ["pairs" if item_pair(item) or item.get_closest_marker("scheduler")
                                else item.nodeid.rsplit("::", 1)[0], "site" in item.fixturenames]
                  for item in items}
        path = Path(config.workerinput["kb_groups"]) / f"{config.workerinput['workerid']}.json"
        path.write_text(json.dumps(groups), encoding="utf-8")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """(xdist controller) the folder where the workers write their tests' groups."""
    if "groups" not in _state:
        _state["groups"] = session_workdir("groups")
    node.workerinput["kb_groups"] = str(_state["groups"])


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """(xdist controller) ``--dist loadgroup``, with kb's groups instead of xdist_group marks
    (which pytest 9.2 no longer lets xdist 3.8 apply): a group runs on one worker; the
    largest group, the pairs, is sent first, and the groups that need the site last."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Grouped(LoadScopeScheduling):
        groups: dict[str, list] | None = None  # read once, when the workers have written them
        ordered = False

        def _entry(self, nodeid: str) -> list:
            """[its group, whether it needs the site]"""
            if self.groups is None:
                self.groups = {}
                for path in _state["groups"].glob("*.json"):
                    self.groups.update(json.loads(path.read_text(encoding="utf-8")))
            return self.groups.get(nodeid, [nodeid, False])

        def _split_scope(self, nodeid: str) -> str:
            return self._entry(nodeid)[0]

        def _assign_work_unit(self, node):
            """The groups that need no built site first, then the largest first: the worker
            that builds the site (conftest's site fixture) does so while the other goes on."""
            if not self.ordered:
                self.ordered = True
                site = {group for group, needs in map(self._entry, self.collection) if needs}
                order = sorted(self.workqueue.items(), key=lambda g: (g[0] in site, -len(g[1])))
                self.workqueue.clear()
                self.workqueue.update(order)
            super()._assign_work_unit(node)

    return Grouped(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """Hand every selected pair to the scheduler before the first test runs (in a worker:
    on the first test that needs one, as only the worker holding the pairs does)."""
    if session.config.option.collectonly:
        return
    pairs = [p for p in map(item_pair, session.items) if p]
    if pairs and on_worker(session.config):
        _state["pairs"] = pairs
    elif pairs:
        scheduler(session.config).add(pairs)


def pytest_sessionfinish(session):
    for key in [k for k in _state if isinstance(k, tuple)]:
        _state[key].close()
    sched = _state.get(("scheduler", False))
    lines = _state.setdefault("summary", [])
    if sched and sched.cache:
        kept = len(sched.kept)
        lines.append(f"snippets: {len(sched.results) - kept} pairs run, {kept} unchanged ones "
                     f"taken from {snippets.relpath(sched.cache.folder)}/ (--no-cache runs them)")
    if sched and (session.config.getoption("--update-goldens")
                  or session.config.getoption("--create-goldens")):
        lines.append(_update(sched, create_only=not session.config.getoption("--update-goldens")))
    if sched and session.config.getoption("--results-out"):
        results.write(sched, Path(session.config.getoption("--results-out")))
    if on_worker(session.config):
        session.config.workeroutput["kb_summary"] = lines
    if "tmp" in _state:
        shutil.rmtree(_state.pop("tmp"), ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """(xdist controller) a worker's summary lines, printed in this process's summary."""
    _state.setdefault("summary", []).extend(getattr(node, "workeroutput", {}).get("kb_summary", []))


def _update(sched: Scheduler, create_only: bool) -> str:
    """Write goldens (kb/engine/goldens.py) from every pair that ran and met its expectation;
    results/ too, unless only missing goldens are created."""
    ran: dict[str, dict[str, str]] = {}
    for (rt, _), res in sched.results.items():
        if not expectation_errors(res):
            ran.setdefault(res.snippet.rel, {})[rt] = res.output
    summary = goldens.update(ran, create_only=create_only)
    if not create_only:
        results.write(sched)
    return summary


def pytest_terminal_summary(terminalreporter):
    for line in _state.pop("summary", []):
        terminalreporter.write_line(line)

