"""Every snippet, on every selected runtime it applies to, against its golden."""
import pytest

from kb import runner

SNIPPETS = runner.discover()


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        cases = [(rt, s) for rt in runner.selected_runtimes(metafunc.config)
                 for s in SNIPPETS if rt in s.runtimes]
        metafunc.parametrize("case", cases, ids=[f"{s.key}[{rt}]" for rt, s in cases])


def test_snippet(case, request):
    runtime, snippet = case
    res = runner.cached_results(request.config, runtime)[snippet.key]
    problems = runner.expectation_errors(res)
    assert not problems, "\n".join(problems) + "\n--- output ---\n" + res.output
    golden = snippet.golden(runtime)
    if request.config.getoption("--update-goldens"):
        if not golden.exists() or golden.read_text(encoding="utf-8") != res.output:
            golden.write_text(res.output, encoding="utf-8")
        return
    diff = runner.golden_diff(res)
    assert diff is None, diff
