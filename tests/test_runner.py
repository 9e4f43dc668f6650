"""The runner itself: isolation, expectations, goldens, timeouts, bad input."""
import subprocess
import sys
import textwrap
import time

import pytest

from kb import runner, runtimes

DEMO = {
    "010_check_ok.py": ("outcome = 'ok'", """
        import os
        LEAK = "defined by 010"
        print("hello from", __name__, sorted(os.listdir(".")))
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
    lines = ["# /// kb", *(f"# {ln}" for ln in header.splitlines()), "# runtimes = ['keras3']",
             "# ///", "# --8<-- [start:code]", textwrap.dedent(body).strip(), "# --8<-- [end:code]"]
    path = folder / name
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("snips") / "demo"
    folder.mkdir()
    for name, (header, body) in DEMO.items():
        write_snippet(folder, name, header, body)
    snippets = runner.discover(folder)
    start = time.perf_counter()
    results = runner.run_all(snippets, "keras3", workdir=folder.parent / "run")
    return folder, results, time.perf_counter() - start


def test_each_snippet_has_its_own_dir_and_fresh_main(demo):
    _, res, _ = demo
    assert res["demo/010_check_ok"].output == "hello from __main__ []\n"
    assert res["demo/020_check_needs"].output == "from 010 | LEAK visible: False\n"
    assert res["demo/010_check_ok"].cwd != res["demo/020_check_needs"].cwd


def test_expectation_mismatches_fail_with_the_reason(demo):
    _, res, _ = demo
    wrong = res["demo/030_fail_wrong"]
    assert runner.expectation_errors(wrong) == [
        f"{wrong.snippet.rel} [keras3]: expected to raise ValueError, but it succeeded"]
    (msg,) = runner.expectation_errors(res["demo/040_check_raises"])
    assert msg.endswith("expected to succeed, but it raised KeyError")
    assert res["demo/040_check_raises"].output == "KeyError: 'missing'\n"
    assert runner.expectation_errors(res["demo/060_fail_exit"]) == []
    assert res["demo/060_fail_exit"].output == "SystemExit: 3\n"


def test_a_snippet_after_a_failed_one_is_not_run_and_fails(demo):
    _, res, _ = demo
    (msg,) = runner.expectation_errors(res["demo/070_check_after_failure"])
    assert "not run: the snippet it needs failed" in msg and "030_fail_wrong.py" in msg


def test_a_hung_snippet_is_killed_and_named(demo):
    _, res, seconds = demo
    (msg,) = runner.expectation_errors(res["demo/050_check_hangs"])
    assert "050_check_hangs.py [keras3]: timed out after 2 s" in msg
    assert seconds < 60


def test_golden_missing_edited_and_matching(demo):
    folder, res, _ = demo
    ok = res["demo/010_check_ok"]
    golden = ok.snippet.golden("keras3")
    assert "missing golden" in runner.golden_diff(ok) and str(golden.name) in runner.golden_diff(ok)
    golden.write_text(ok.output)
    assert runner.golden_diff(ok) is None
    golden.write_text(ok.output.replace("hello", "hellO"))
    diff = runner.golden_diff(ok)
    assert "-hellO from __main__ []" in diff and "+hello from __main__ []" in diff


@pytest.mark.parametrize("header, name, error", [
    (None, "010_check_x.py", "needs exactly one '# /// kb'"),
    ("outcome = 'ok'\nruntimes = ['keras3'", "010_check_x.py", "not valid TOML"),
    ("outcome = 'ok'\nruntimes = ['keras9']", "010_check_x.py", "unknown runtime 'keras9'"),
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
    with pytest.raises(runner.SnippetError) as exc:
        runner.parse(path)
    assert name in str(exc.value) and error in str(exc.value)


def test_unknown_runtime_option_is_a_usage_error():
    proc = subprocess.run([sys.executable, "-m", "pytest", "--runtime", "keras9", "--co", "-q",
                           "tests/test_runner.py"], capture_output=True, text=True,
                          cwd=runner.ROOT)
    assert proc.returncode == 4, proc.stdout + proc.stderr
    assert "unknown runtime 'keras9'; known runtimes: keras3" in proc.stderr


def test_a_runtime_that_is_not_installed_fails_clearly():
    missing = runtimes.Runtime("not-built", "x", "x", "3.11", (), ())
    with pytest.raises(RuntimeError, match="runtime 'not-built' is not installed"):
        runtimes.check_installed(missing)


def test_normalize_removes_paths_addresses_and_log_noise():
    raw = ("WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
           "I0000 00:00:1795579891.282314    3728 port.cc:153] oneDNN custom operations are on.\n"
           "2026-11-25 04:00:00.123456: I tensorflow/core/x.cc:1] noise\n"
           "saved to /tmp/kb-keras3-abc/why__x/model.keras at 0x7f3a2b4c5d60\n"
           "/work/x/.venv/lib/python3.11/site-packages/keras/src/a.py:12: UserWarning: careful\n"
           "  warnings.warn(\n"
           "1/1 ━━━━ 0s 25ms/step\n\n")
    assert runner.normalize(raw, ["/tmp/kb-keras3-abc/why__x"]) == (
        "saved to <tmp>/model.keras at 0x...\n"
        "<site-packages>/keras/src/a.py: UserWarning: careful\n"
        "1/1 ━━━━ 0s <t>/step\n")


def test_fork_and_fresh_give_identical_output_for_a_topic(request, tmp_path):
    """The default (forked from a preloaded parent) and --fresh modes agree, snippet by snippet."""
    topic = [s for s in runner.discover() if s.path.parent.name == "why"]
    assert len(topic) >= 3
    fresh = runner.run_all(topic, "keras3", fresh=True, workdir=tmp_path)
    forked = runner.cached_results(request.config, "keras3", fresh=False)
    for s in topic:
        assert runner.expectation_errors(fresh[s.key]) == []
        assert fresh[s.key].output == forked[s.key].output, s.rel
