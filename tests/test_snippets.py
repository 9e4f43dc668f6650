"""Every snippet, on every selected runtime it applies to, against its golden and results/."""
import pytest

from kb.engine import goldens, plugin, results, scheduler, snippets

SNIPPETS = snippets.discover()


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        cases = [(rt, s) for rt in plugin.selected_runtimes(metafunc.config)
                 for s in SNIPPETS if rt in s.runtimes]
        metafunc.parametrize("case", cases, ids=[f"{s.key}[{rt}]" for rt, s in cases])


def test_snippet(case, request):
    runtime, snippet = case
    res = plugin.result(request.config, runtime, snippet)
    problems = scheduler.expectation_errors(res)
    assert not problems, "\n".join(problems) + "\n--- output ---\n" + res.output
    if request.config.getoption("--update-goldens"):
        return  # written at the end of the session (kb.engine.plugin), from every pair that ran
    if request.config.getoption("--create-goldens") and not goldens.lookup(snippet, runtime).exists():
        return  # written at the end of the session, as with --update-goldens
    diff = goldens.diff(res)
    assert diff is None, diff
    recorded = results.load(runtime)
    assert recorded["snippets"].get(snippet.rel) == results.entry(res), (
        f"results/{runtime}.json does not hold what this run saw for {snippet.rel} "
        f"(`pytest --update-goldens` rewrites it): recorded "
        f"{recorded['snippets'].get(snippet.rel)}, ran {results.entry(res)}")
    assert recorded.get("import_output", "") == res.import_output, (
        f"results/{runtime}.json records import output {recorded.get('import_output')!r}, this "
        f"run's preload printed {res.import_output!r} (`pytest --update-goldens` rewrites it)")
    assert recorded["versions"] == res.versions, (
        f"results/{runtime}.json records versions {recorded['versions']}, "
        f"this run resolved {res.versions}")
