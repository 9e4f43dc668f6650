"""The runner itself: isolation, expectations, goldens, timeouts, bad input."""
import collections
import dataclasses
import os
import subprocess
import sys
import textwrap
import time

import pytest

from pathlib import Path

from packaging.specifiers import SpecifierSet

from kb.engine import cache, goldens, output, plugin, runtimes, scheduler, snippets

DEFAULT = runtimes.DEFAULT

DEMO = {
    "010_check_ok.py": ("outcome = 'ok'", """
        import os, tempfile
        LEAK = "defined by 010"
        print("hello from", __name__, sorted(os.listdir(".")))
        fd, temp = tempfile.mkstemp()
        print("temp in own dir:", os.path.samefile(os.path.dirname(temp), "."),
              os.path.samefile(os.environ["TMPDIR"], "."))
        open("out.txt", "w").write("from 010")
    """),
    "020_check_needs.py": ("outcome = 'ok'\nneeds = {'010_check_ok.py' = ['out.txt']}", """
        print(open("out.txt").read(), "| LEAK visible:", "LEAK" in globals())
    """),
    "030_fail_wrong.py": ("outcome = 'raises'\nexception = 'ValueError'", """
        print("no error here")
    """),
    "040_check_raises.py": ("outcome = 'ok'", """
        {}["missing"]
    """),
    "050_check_hangs.py": ("outcome = 'ok'\ntimeout = 2", """
        import time
        time.sleep(120)
    """),
    "060_fail_exit.py": ("outcome = 'raises'\nexception = 'SystemExit'", """
        import sys
        sys.exit(3)
    """),
    "070_check_after_failure.py": ("outcome = 'ok'\nneeds = {'030_fail_wrong.py' = []}", """
        print("must not run")
    """),
}


def write_snippet(folder, name, header, body):
    lines = ["# /// kb", *(f"# {ln}" for ln in header.splitlines()), f"# runtimes = ['{DEFAULT}']",
             "# ///", "# --8<-- [start:code]", textwrap.dedent(body).strip(), "# --8<-- [end:code]"]
    path = folder / name
    path.write_text("\n".join(lines) + "\n")
    return path


def unload(mp):
    """The default runtime with nothing preloaded, for the tests of the engine's bookkeeping:
    their demo snippets import no Keras, so a zygote starts at once, not after 3 s of
    imports (the snippets' own tests, and fork-and-fresh below, run the real preload)."""
    real = runtimes.get

    def get(name):
        rt = real(name)
        return dataclasses.replace(rt, family=dataclasses.replace(rt.family, preload=()))

    mp.setattr(runtimes, "get", get)


@pytest.fixture
def unloaded(monkeypatch):
    unload(monkeypatch)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("snips") / "demo"
    folder.mkdir()
    for name, (header, body) in DEMO.items():
        write_snippet(folder, name, header, body)
    found = snippets.discover(folder)
    start = time.perf_counter()
    with pytest.MonkeyPatch.context() as mp:
        unload(mp)
        results = scheduler.run_all(found, DEFAULT, workdir=folder.parent / "run")
    return folder, results, time.perf_counter() - start


def test_each_snippet_has_its_own_dir_and_fresh_main(demo):
    _, res, _ = demo
    assert res["demo/010_check_ok"].output == "hello from __main__ []\ntemp in own dir: True True\n"
    assert res["demo/020_check_needs"].output == "from 010 | LEAK visible: False\n"
    assert res["demo/010_check_ok"].cwd != res["demo/020_check_needs"].cwd


def test_a_second_run_in_the_same_workdir_runs_again(demo, unloaded):
    """A workdir an earlier run left behind: each pair's folder is made anew, the same results."""
    folder, first, _ = demo
    found = [s for s in snippets.discover(folder) if s.path.name in ("010_check_ok.py", "020_check_needs.py")]
    again = scheduler.run_all(found, DEFAULT, workdir=folder.parent / "run")
    assert {k: r.output for k, r in again.items()} == {k: first[k].output for k in again}


def test_a_scheduler_that_stops_on_an_error_says_so_and_does_not_spin(tmp_path, unloaded, monkeypatch):
    def broken(self, pair):
        raise OSError("disk full")

    monkeypatch.setattr(scheduler.Scheduler, "_launch", broken)
    s = write_snippet(tmp_path, "010_check_ok.py", *DEMO["010_check_ok.py"])
    start = time.perf_counter()
    with pytest.raises(RuntimeError, match="the scheduler stopped: disk full"):
        scheduler.run_all(snippets.discover(tmp_path), DEFAULT, workdir=tmp_path / "run")
    assert time.perf_counter() - start < 30 and s.exists()


def test_a_zygote_ends_without_the_interpreter_teardown(tmp_path):
    """At the end of its stdin a zygote leaves at once: no atexit handler, no module teardown
    (with TensorFlow imported that teardown took 0.7-0.8 s, once per runtime in every run)."""
    (tmp_path / "canary_preload.py").write_text(
        "import atexit\natexit.register(lambda: open('teardown-ran', 'w').close())\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(snippets.ROOT)]))
    proc = subprocess.run([sys.executable, "-m", "kb.engine.child", "serve", "canary_preload"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 0 and '"ready": true' in proc.stdout, proc.stderr
    assert not (tmp_path / "teardown-ran").exists()


def test_expectation_mismatches_fail_with_the_reason(demo):
    _, res, _ = demo
    wrong = res["demo/030_fail_wrong"]
    assert scheduler.expectation_errors(wrong) == [
        f"{wrong.snippet.rel} [{DEFAULT}]: expected to raise ValueError, but it succeeded"]
    (msg,) = scheduler.expectation_errors(res["demo/040_check_raises"])
    assert msg.endswith("expected to succeed, but it raised KeyError")
    assert res["demo/040_check_raises"].output == "KeyError: 'missing'\n"
    assert scheduler.expectation_errors(res["demo/060_fail_exit"]) == []
    assert res["demo/060_fail_exit"].output == "SystemExit: 3\n"


def test_a_snippet_after_a_failed_one_is_not_run_and_fails(demo):
    _, res, _ = demo
    (msg,) = scheduler.expectation_errors(res["demo/070_check_after_failure"])
    assert "not run: the snippet it needs failed" in msg and "030_fail_wrong.py" in msg


def test_a_hung_snippet_is_killed_and_named(demo):
    _, res, seconds = demo
    (msg,) = scheduler.expectation_errors(res["demo/050_check_hangs"])
    assert f"050_check_hangs.py [{DEFAULT}]: timed out after 2 s" in msg
    assert seconds < 60


def test_golden_missing_edited_and_matching(demo):
    folder, res, _ = demo
    ok = res["demo/010_check_ok"]
    golden = goldens.lookup(ok.snippet, DEFAULT)
    assert "missing golden" in goldens.diff(ok) and str(golden.name) in goldens.diff(ok)
    golden.write_text(ok.output)
    assert goldens.diff(ok) is None
    golden.write_text(ok.output.replace("hello", "hellO"))
    diff = goldens.diff(ok)
    assert "-hellO from __main__ []" in diff and "+hello from __main__ []" in diff


@pytest.mark.parametrize("header, name, error", [
    (None, "010_check_x.py", "needs exactly one '# /// kb'"),
    ("outcome = 'ok'\nruntimes = ['keras3'", "010_check_x.py", "not valid TOML"),
    ("outcome = 'ok'\nruntimes = ['keras9']", "010_check_x.py", "unknown runtime family in 'keras9'"),
    ("outcome = 'ok'\nruntimes = ['keras3>=9']", "010_check_x.py", "'keras3>=9' matches no runtime"),
    ("outcome = 'ok'\nruntimes = ['keras3>=x']", "010_check_x.py", "is not a PEP 440 specifier"),
    ("outcome = 'ok'\nruntimes = ['keras3']\n[expect.'tf-keras']\noutcome = 'ok'", "010_check_x.py",
     "names no runtime the snippet runs on"),
    ("outcome = 'ok'\nruntimes = ['keras3']\n[expect.'keras3']\noutcome = 'ok'\n"
     "[expect.'keras3>=3.15']\noutcome = 'ok'", "010_check_x.py", "already matched"),
    ("outcome = 'ok'\nruntimes = ['keras3']\nneeds = {'keras9:010_check_x.py' = []}", "010_check_x.py",
     "unknown runtime family in 'keras9'"),
    ("outcome = 'raises'\nruntimes = ['keras3']", "010_fail_x.py", "needs exception"),
    ("outcome = 'maybe'\nruntimes = ['keras3']", "010_check_x.py", "outcome must be"),
    ("outcome = 'ok'\nruntimes = ['keras3']\ncolour = 1", "010_check_x.py", "unknown header keys"),
    ("outcome = 'ok'\nruntimes = ['keras3']\nneeds = {'000_x.py' = []}", "010_check_x.py",
     "needs '000_x.py'"),
    ("outcome = 'ok'\nruntimes = ['keras3']", "10_check_x.py", "name must look like"),
])
def test_malformed_headers_fail_naming_the_file(tmp_path, header, name, error):
    path = tmp_path / name
    text = "print(1)\n"
    if header:
        text = "# /// kb\n" + "".join(f"# {ln}\n" for ln in header.splitlines()) + "# ///\n" + text
    path.write_text(text)
    with pytest.raises(snippets.SnippetError) as exc:
        snippets.parse(path)
    assert name in str(exc.value) and error in str(exc.value)


def test_unknown_runtime_option_is_a_usage_error():
    proc = subprocess.run([sys.executable, "-m", "pytest", "--runtime", "keras9", "--co", "-q",
                           "tests/test_runner.py"], capture_output=True, text=True,
                          cwd=snippets.ROOT)
    assert proc.returncode == 4, proc.stdout + proc.stderr
    assert "unknown runtime family in 'keras9'; families: keras3" in proc.stderr


def test_a_runtime_that_is_not_installed_fails_clearly():
    fam = runtimes.get(DEFAULT).family
    missing = runtimes.Runtime(dataclasses.replace(fam, name="not-built"), "1.0", "2.21.0")
    with pytest.raises(RuntimeError, match="runtime 'not-built-1.0' is not installed"):
        runtimes.check_installed(missing)


def test_normalize_removes_paths_addresses_and_log_noise():
    raw = ("WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
           "I0000 00:00:1795579891.282314    3728 port.cc:153] oneDNN custom operations are on.\n"
           "2026-11-25 04:00:00.123456: I tensorflow/core/x.cc:1] noise\n"
           "saved to /tmp/kb-keras3-abc/why__x/model.keras at 0x7f3a2b4c5d60\n"
           "/work/x/.venv/lib/python3.11/site-packages/keras/src/a.py:12: UserWarning: careful\n"
           "  warnings.warn(\n"
           "1/1 ━━━━ 0s 25ms/step\n\n")
    assert output.normalize(raw, ["/tmp/kb-keras3-abc/why__x"]) == (
        "saved to <tmp>/model.keras at 0x...\n"
        "<site-packages>/keras/src/a.py: UserWarning: careful\n"
        "1/1 ━━━━ 0s <t>/step\n")


@pytest.mark.scheduler
def test_fork_and_fresh_give_identical_output_for_a_topic(request, tmp_path):
    """The default (forked from a preloaded parent) and --fresh modes agree, snippet by snippet."""
    topic = [s for s in snippets.discover() if s.path.parent.name == "why-unknown-layer-lambda"]
    assert len(topic) >= 3
    fresh = scheduler.run_all(topic, DEFAULT, fresh=True, workdir=tmp_path)
    forked = {s.key: plugin.result(request.config, DEFAULT, s) for s in topic}
    for s in topic:
        assert scheduler.expectation_errors(fresh[s.key]) == []
        assert fresh[s.key].output == forked[s.key].output, s.rel


def test_plan_goldens_writes_one_file_per_change_point(tmp_path):
    """Equal outputs share a golden; a family's file starts where its output changes; the
    common file serves every family whose first output it is."""
    path = tmp_path / "topic" / "010_check_x.py"
    path.parent.mkdir()
    path.write_text("# /// kb\n# outcome = 'ok'\n# runtimes = ['keras3', 'tf-keras', 'keras2']\n# ///\n")
    s = snippets.parse(path)
    k3 = [rt for rt in s.runtimes if runtimes.get(rt).family.name == "keras3"]
    outputs = {rt: "same\n" for rt in s.runtimes}
    outputs[k3[-1]] = "changed\n"
    outputs.update({rt: "changed\n" for rt in s.runtimes if rt in runtimes.PREVIEWS})  # as the release
    plan = goldens.plan(s, outputs)
    newest = runtimes.get(k3[-1])
    assert plan == ({"": "same\n", f"keras3-{newest.version}": "changed\n"} if len(k3) > 1
                    else {"": "same\n", "keras3": "changed\n"})
    for token, text in plan.items():
        path.with_name(f"010_check_x.{token}.out" if token else "010_check_x.out").write_text(text)
    assert {rt: goldens.lookup(s, rt).read_text() for rt in s.runtimes} == outputs
    (path.parent / "010_check_x.keras7.out").write_text("")
    with pytest.raises(snippets.SnippetError, match="010_check_x.keras7.out"):
        goldens.lookup(s, k3[0])


def test_update_writes_the_fewest_goldens_and_create_only_touches_none_that_exist(tmp_path):
    """--update-goldens creates, changes and prunes to the fewest files; --create-goldens
    writes a missing golden and leaves a committed one alone, even when the output differs."""
    path = tmp_path / "topic" / "010_check_x.py"
    path.parent.mkdir()
    path.write_text("# /// kb\n# outcome = 'ok'\n# runtimes = ['keras3', 'tf-keras']\n# ///\n")
    s = snippets.parse(path)
    tf = [rt for rt in s.runtimes if rt.startswith("tf-keras-")]
    (path.parent / "010_check_x.keras3.out").write_text("old\n")
    summary = goldens.update({s.rel: {rt: "new\n" for rt in tf}}, create_only=True, root=tmp_path)
    assert summary.splitlines()[0] == "--create-goldens: 1 created, 0 changed, 0 removed"
    assert sorted(goldens.files(s)) == ["keras3", "tf-keras"]
    assert (path.parent / "010_check_x.keras3.out").read_text() == "old\n"
    summary = goldens.update({s.rel: {rt: "new\n" for rt in s.runtimes}}, root=tmp_path)
    assert summary.splitlines()[0] == "--update-goldens: 1 created, 0 changed, 2 removed"
    assert {t: p.read_text() for t, p in goldens.files(s).items()} == {"": "new\n"}
    # a new snippet whose releases of one family print two things: a golden for each
    new = tmp_path / "topic" / "020_check_y.py"
    new.write_text("# /// kb\n# outcome = 'ok'\n# runtimes = ['keras3']\n# ///\n")
    y = snippets.parse(new)
    k3 = y.runtimes
    if len(k3) > 1:
        outputs = {rt: ("old\n" if rt == k3[0] else "new\n") for rt in k3}
        goldens.update({y.rel: outputs}, create_only=True, root=tmp_path)
        assert {rt: goldens.lookup(y, rt).read_text() for rt in k3} == outputs


def test_the_scheduler_runs_a_selection_with_its_producers_once(demo, tmp_path, unloaded):
    folder, _, _ = demo
    found = {s.key: s for s in snippets.discover(folder)}
    sched = scheduler.Scheduler(workdir=tmp_path / "run")
    try:
        got = sched.run([(DEFAULT, found["demo/020_check_needs"]),
                         (DEFAULT, found["demo/070_check_after_failure"])])
    finally:
        sched.close()
    ran = sorted(sched.snippets[p].key for p in sched.results)
    assert ran == ["demo/010_check_ok", "demo/020_check_needs", "demo/030_fail_wrong",
                   "demo/070_check_after_failure"]  # the closure, each pair once
    assert [r.output for r in got.values()][0] == "from 010 | LEAK visible: False\n"
    assert sched.stats[DEFAULT].starts == 1 and sched.stats[DEFAULT].count == 3


def test_unchanged_pairs_are_taken_from_the_cache_and_the_others_run(tmp_path, unloaded):
    """A second run takes a passing pair's result from the cache and runs no zygote for it; a
    failing pair is never kept; a pair that runs gets its kept producer run again (for its
    files); an edited snippet runs again, and so does every pair that needs it."""
    folder = tmp_path / "snips" / "demo"
    folder.mkdir(parents=True)
    for name in ("010_check_ok.py", "020_check_needs.py", "030_fail_wrong.py"):
        write_snippet(folder, name, *DEMO[name])
    store = cache.Store(tmp_path / "cache", folder.parent)

    def run(*names):
        found = {s.path.name: s for s in snippets.discover(folder)}
        sched = scheduler.Scheduler(workdir=tmp_path / f"run{len(list(tmp_path.glob('run*')))}",
                                  cache=store)
        try:
            got = sched.run([(DEFAULT, found[n]) for n in names])
        finally:
            sched.close()
        ran = sorted(Path(p[1]).name for p in sched.results if p not in sched.kept)
        return {Path(p).name: r for (_, p), r in got.items()}, ran, sched

    first, ran, _ = run("010_check_ok.py", "030_fail_wrong.py")
    assert ran == ["010_check_ok.py", "030_fail_wrong.py"]
    again, ran, sched = run("010_check_ok.py", "030_fail_wrong.py")
    assert ran == ["030_fail_wrong.py"] and sched.stats[DEFAULT].count == 1
    assert dataclasses.asdict(again["010_check_ok.py"]) == dict(
        dataclasses.asdict(first["010_check_ok.py"]), cwd=None)
    got, ran, _ = run("020_check_needs.py")
    assert ran == ["010_check_ok.py", "020_check_needs.py"]
    assert got["020_check_needs.py"].output == "from 010 | LEAK visible: False\n"
    path = folder / "010_check_ok.py"
    path.write_text(path.read_text().replace('"hello from"', '"hi from"'))
    got, ran, _ = run("010_check_ok.py", "020_check_needs.py")
    assert ran == ["010_check_ok.py", "020_check_needs.py"]
    assert got["010_check_ok.py"].output == "hi from __main__ []\ntemp in own dir: True True\n"


def test_a_made_up_release_is_picked_up_by_every_matching_snippet_and_runs(tmp_path):
    """One more registry entry (a later patch of the default Keras 3, here installed as the
    default's own environment) and no header edit: every snippet whose selector admits it
    runs on it, and is checked against the goldens it falls back to."""
    base = runtimes.get(DEFAULT)
    patch = base.key.release[:2] + (base.key.release[2] + 1,)
    new = ".".join(map(str, patch))
    reg = runtimes.REGISTRY.read_text().replace(
        f'{{version = "{base.version}"', f'{{version = "{new}", tensorflow = "{base.tensorflow}"}},\n'
        f'  {{version = "{base.version}"', 1)
    (tmp_path / "registry.toml").write_text(reg)
    envs = tmp_path / "envs"
    envs.mkdir()
    (envs / f"{base.family.name}-{new}").symlink_to(Path(sys.executable).parent.parent)
    env = dict(os.environ, KB_REGISTRY=str(tmp_path / "registry.toml"), KB_ENVS=str(envs),
               KB_NO_CACHE="1")  # it must run, and a made-up release is never kept
    name = f"{base.family.name}-{new}"
    listed = subprocess.run([sys.executable, "-m", "pytest", "tests/test_snippets.py", "--co", "-q",
                             "--runtime", name], capture_output=True, text=True, cwd=snippets.ROOT,
                            env=env).stdout
    matching = [s for s in snippets.discover()
                if any(new in SpecifierSet(sel[len(base.family.name):]) for sel in s.selectors
                       if sel.startswith(base.family.name) and not sel.startswith(base.family.name + "-"))]
    assert matching and listed.count(f"[{name}]") == len(matching)
    one = next(s for s in matching if not s.needs)
    proc = subprocess.run([sys.executable, "-m", "pytest", "tests/test_snippets.py", "-q",
                           "--runtime", name, "-k", f"{one.key}[{name}]"],
                          capture_output=True, text=True, cwd=snippets.ROOT, env=env)
    # it ran and matched its golden; only results/ has no record of the new release yet
    assert f"results/{name}.json does not hold what this run saw" in proc.stdout, proc.stdout[-3000:]
    assert "output differs" not in proc.stdout and "1 failed" in proc.stdout


class _Instant:
    """A zygote that starts at once and 'runs' a snippet by reporting the outcome its header
    expects, so the scheduler's order can be watched over the project's whole graph."""
    started: list[str] = []

    def __init__(self, rt, events, log):
        self.rt, self.events, self.startup = rt, events, 0.0
        self.started.append(rt.name)

    def start(self, job):
        self.events.put(("done", self.rt.name, job["id"], {}))

    def close(self, wait=True):
        pass


def _ring(sched) -> int:
    """The most runtimes that must be alive at once: a set S where every runtime of S has a
    pair that needs pairs on all of S (the version grid: each keras3 release loads the files
    of every keras3 release), so no zygote of S may close before the last one has run."""
    needs = collections.defaultdict(list)
    for pair, deps in sched.deps.items():
        needs[pair[0]].append({pair[0], *(d[0] for d, _, _ in deps)})
    return max((len(s) for sets in needs.values() for s in sets
                if all(any(s <= t for t in needs[rt]) for rt in s)), default=1)


@pytest.mark.parametrize("budget", [len(runtimes.RELEASES), 18, 12, 6])
def test_the_scheduler_starts_each_zygote_once_unless_the_budget_forces_it(
        tmp_path, monkeypatch, budget):
    """With fewer zygotes allowed than the runtimes that must be alive at once, some start
    twice; the order keeps that to the fewest, ring - budget, and to none when the budget
    holds them all (the order before gave 3, 9 and 15 second starts at 18, 12 and 6, where
    1, 7 and 13 are the least)."""
    _Instant.started = []
    monkeypatch.setattr(scheduler.Scheduler, "_start_zygote", lambda self, rt: (  # no thread:
        self.starting.add(rt), self.events.put((  # the events come in one order every time
            "ready", rt, None, _Instant(runtimes.get(rt), self.events, None)))))
    monkeypatch.setattr(scheduler.Scheduler, "_launch", lambda self, pair: (
        self.running.__setitem__(pair, 0.0), self.launchers[pair[0]].start({"id": pair[1]})))
    monkeypatch.setattr(scheduler, "collect", lambda s, rt, cwd, msg: scheduler.Result(
        s, rt, *("", *s.expect(rt)), cwd=str(tmp_path)))
    # what `make test` runs: every release (--runtime all; a preview runs in make preview)
    pairs = [(rt, s) for rt in runtimes.RELEASES for s in snippets.discover() if rt in s.runtimes]
    sched = scheduler.Scheduler(workdir=tmp_path / "run", jobs=2, max_zygotes=budget)
    try:  # no result() calls: what a caller waits for would go first, at its own pace
        sched.add(pairs)
        assert all(event.wait(60) for event in sched.waiting.values())
    finally:
        sched.close()
    assert not [r for r in sched.results.values() if scheduler.failed(r)]
    assert sorted(set(_Instant.started)) == sorted(runtimes.RELEASES)
    assert len(_Instant.started) - len(runtimes.RELEASES) <= max(0, _ring(sched) - budget)


def test_the_cache_key_follows_the_engine_not_the_site(tmp_path):
    """A kept result's key covers what can change a result: an edit to the site, the tools,
    data/ or a note keeps every kept result; an edit to the engine, the doctor package or a
    snippets' helper runs every pair again."""
    files = {"kb/engine/scheduler.py": "E = 1\n", "kb/site/hooks.py": "S = 1\n",
             "kb/tools/bench.py": "T = 1\n", "data/advisories.toml": "a = 1\n",
             "doctor/keras_doctor/findings.py": "F = 1\n", "snippets/helper.py": "H = 1\n",
             "snippets/demo/010_fix_x.py": "print(1)\n", "snippets/demo/010_fix_x.out": "1\n",
             "runtimes/NOTES.md": "notes\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)

    def key_after(name: str, text: str) -> str:
        (tmp_path / name).write_text(text)
        cache.engine.cache_clear()
        return cache.engine(tmp_path)

    before = key_after("kb/engine/scheduler.py", files["kb/engine/scheduler.py"])
    assert before is not None
    for kept in ("kb/site/hooks.py", "kb/tools/bench.py", "data/advisories.toml",
                 "runtimes/NOTES.md", "snippets/demo/010_fix_x.py", "snippets/demo/010_fix_x.out"):
        assert key_after(kept, files[kept] + "# edited\n") == before, kept
    keys = {before}
    for rerun in ("kb/engine/scheduler.py", "doctor/keras_doctor/findings.py", "snippets/helper.py"):
        keys.add(key_after(rerun, files[rerun] + "# edited\n"))
    assert len(keys) == 4
    cache.engine.cache_clear()


def test_the_release_command_adds_locks_builds_runs_and_says_what_changed(tmp_path):
    """The day of a release, end to end with a made-up one (a later patch of the default
    Keras 3): `kb.tools.environments release` writes its registry entry, its lock, its
    environment, runs its snippets with --update-goldens (results/<name>.json written) and
    prints what it prints differently. Only the two network steps are stood in for: the lock
    is the default's, the environment the default's own."""
    base = runtimes.get(DEFAULT)
    new = ".".join(map(str, base.key.release[:2] + (base.key.release[2] + 1,)))
    name = f"{base.family.name}-{new}"
    for d in ("envs", "locks", "results"):
        (tmp_path / d).mkdir()
    (tmp_path / "registry.toml").write_text(runtimes.REGISTRY.read_text())
    for f in (snippets.ROOT / "results").glob("*.json"):
        (tmp_path / "results" / f.name).write_text(f.read_text())
    one = next(s for s in snippets.discover() if base.name in s.runtimes and not s.needs
               and any(sel.startswith(base.family.name) and new in SpecifierSet(sel[len(base.family.name):])
                       for sel in s.selectors if not sel.startswith(base.family.name + "-")))
    script = textwrap.dedent(f"""
        import shutil, sys
        from pathlib import Path
        from kb.engine import runtimes
        from kb.tools import environments as e

        def lock(name):  # uv pip compile: the network
            shutil.copy(runtimes.ROOT / "requirements.lock", runtimes.get(name).lock)

        def build(name):  # uv pip sync: the network
            runtimes.get(name).venv.symlink_to(Path(sys.prefix))
            return "linked"

        e.lock, e.build = lock, build
        e.main(["release", "{base.family.name}", "{new}", "--tensorflow={base.tensorflow}",
                "-k", "{one.key}[{name}]"])
    """)
    env = dict(os.environ, KB_REGISTRY=str(tmp_path / "registry.toml"), KB_ENVS=str(tmp_path / "envs"),
               KB_LOCKS=str(tmp_path / "locks"), KB_RESULTS=str(tmp_path / "results"), KB_NO_CACHE="1")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=snippets.ROOT, env=env, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert f'{{version = "{new}", tensorflow = "{base.tensorflow}"}}' in (tmp_path / "registry.toml").read_text()
    assert (tmp_path / "locks" / f"{name}.lock").exists() and (tmp_path / "envs" / name).exists()
    recorded = __import__("json").loads((tmp_path / "results" / f"{name}.json").read_text())
    assert list(recorded["snippets"]) == [one.rel]
    assert "--update-goldens: 0 created, 0 changed, 0 removed" in out
    assert f"{name}: 0 snippets print something else than on {base.name}" in out


def test_what_a_release_changed_is_read_from_the_goldens():
    """`changed` lists each snippet whose golden on a release differs from the release before
    it, with the diff: for the default, every change point it has (snippets.<family>-<version>.out)."""
    from kb.tools import environments

    base = runtimes.get(DEFAULT)
    family = [rt for rt in runtimes.RELEASES.values() if rt.family == base.family]
    before = family[family.index(base) - 1]
    lines = environments.changed(base.name)
    points = [s.rel for s in snippets.discover() if before.name in s.runtimes and base.name in s.runtimes
              and goldens.lookup(s, base.name).name.endswith(f".{base.name}.out")
              and goldens.lookup(s, base.name).read_text() != goldens.lookup(s, before.name).read_text()]
    assert points and [ln.removeprefix("changed: ") for ln in lines if ln.startswith("changed: ")] == points
    assert lines[0] == f"{base.name}: {len(points)} snippets print something else than on {before.name}"


def test_what_the_preload_prints_is_kept_for_the_results_not_lost(tmp_path):
    """Import-time output (a FutureWarning of `import keras` on Keras 3.13.0) is printed in the
    zygote, before any snippet: the child keeps it (off the replies' channel) and every job's
    result carries it, so results/ records it and the pages note it under the outputs."""
    (tmp_path / "noisy_preload.py").write_text(
        "import sys, warnings\nprint('printed on import')\n"
        "warnings.warn('np.object is deprecated', FutureWarning)\n")
    code = ("import json, kb.engine.child as c; c.preload(['noisy_preload']); "
            "print(json.dumps(c.PRELOADED))")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(snippets.ROOT)]))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=60)
    kept = __import__("json").loads(proc.stdout)["output"]  # stdout holds only the JSON line
    assert "printed on import" in kept and "FutureWarning: np.object is deprecated" in kept
    assert proc.stderr == ""
    recorded = __import__("json").loads((snippets.ROOT / "results" / "keras3-3.13.0.json").read_text())
    assert "FutureWarning" in recorded["import_output"]  # measured: tf2onnx_lib's np.object
