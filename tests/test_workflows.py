"""The GitHub workflows are valid (actionlint, offline) and least-privilege."""
import json
import subprocess
import sys
from pathlib import Path

import yaml

from kb.engine import snippets

WORKFLOWS = sorted((snippets.ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(__import__("sys").executable).parent / "actionlint"


def test_actionlint_passes():
    assert {w.name for w in WORKFLOWS} >= {"ci.yml", "pages.yml", "drift.yml"}
    proc = subprocess.run([str(ACTIONLINT), *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n")
    proc = subprocess.run([str(ACTIONLINT), str(bad)], capture_output=True, text=True)
    assert proc.returncode != 0


def test_workflows_declare_read_only_default_permissions():
    for w in WORKFLOWS:
        data = yaml.safe_load(w.read_text())
        assert data.get("permissions") == {"contents": "read"}, w.name


def test_ci_runs_the_readme_test_command():
    readme = (snippets.ROOT / "README.md").read_text()
    ci = (snippets.ROOT / ".github" / "workflows" / "ci.yml").read_text()
    cirun = (snippets.ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "run: make test" in ci and "make test" in cirun


def test_drift_runs_weekly_with_the_local_command():
    data = yaml.safe_load((snippets.ROOT / ".github" / "workflows" / "drift.yml").read_text())
    on = data.get(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    assert on["schedule"][0]["cron"].split()[-1] in {"0", "1", "2", "3", "4", "5", "6"}
    steps = [s.get("run", "") for s in data["jobs"]["drift"]["steps"]]
    assert "make drift" in steps
    assert "kb.tools.environments drift" in (snippets.ROOT / "Makefile").read_text()


def test_dependabot_covers_the_pins():
    data = yaml.safe_load((snippets.ROOT / ".github" / "dependabot.yml").read_text())
    ecosystems = {(u["package-ecosystem"], u["directory"]) for u in data["updates"]}
    assert ("pip", "/") in ecosystems and ("github-actions", "/") in ecosystems
    for eco, directory in ecosystems:
        assert (snippets.ROOT / directory.lstrip("/")).is_dir(), directory


def test_ci_runs_the_axis_as_one_job_per_family_and_checks_the_results_together():
    from kb.engine import runtimes

    data = yaml.safe_load((snippets.ROOT / ".github" / "workflows" / "ci.yml").read_text())
    jobs = data["jobs"]
    assert jobs["family"]["strategy"]["matrix"]["family"] == "${{ fromJSON(needs.families.outputs.list) }}"
    assert any("make family FAMILY=${{ matrix.family }}" in s.get("run", "") for s in jobs["family"]["steps"])
    assert jobs["results"]["needs"] == "family"
    assert any("kb.engine.results check" in s.get("run", "") for s in jobs["results"]["steps"])
    proc = subprocess.run([sys.executable, "-m", "kb.engine.runtimes", "families"], capture_output=True,
                          text=True, cwd=snippets.ROOT, check=True)
    assert set(json.loads(proc.stdout)) == {rt.family.name for rt in runtimes.RELEASES.values()}


def test_the_previews_run_in_a_job_of_their_own_and_in_drift_never_in_make_test():
    """A preview (family trait `preview`) is no family of the axis and not in --runtime all;
    a CI job runs `make preview` and fails when its run changed the record; `make drift` runs it."""
    from kb.engine import plugin, runtimes
    from kb.tools import environments

    assert runtimes.PREVIEWS and not set(runtimes.PREVIEWS) & set(runtimes.RELEASES)
    proc = subprocess.run([sys.executable, "-m", "kb.engine.runtimes", "families"], capture_output=True,
                          text=True, cwd=snippets.ROOT, check=True)
    assert not {rt.family.name for rt in runtimes.PREVIEWS.values()} & set(json.loads(proc.stdout))

    class Config:
        def getoption(self, name):
            return ["all"]

    assert set(plugin.selected_runtimes(Config())) == set(runtimes.RELEASES)
    for fam in {rt.family.base for rt in runtimes.PREVIEWS.values()}:  # make family FAMILY=keras3
        assert not set(snippets.closure(fam)) & set(runtimes.PREVIEWS)
    assert set(runtimes.PREVIEWS) <= set(environments.drift_default())
    job = yaml.safe_load((snippets.ROOT / ".github" / "workflows" / "ci.yml").read_text())["jobs"]["preview"]
    runs = [s.get("run", "") for s in job["steps"]]
    assert "make preview" in runs and "git diff --exit-code -- results snippets" in runs
    assert "kb.tools.environments preview" in (snippets.ROOT / "Makefile").read_text()


def test_the_results_check_finds_a_job_that_saw_something_else(tmp_path):
    import shutil

    from kb.engine import results

    for f in results.DIR.glob("*.json"):
        shutil.copy(f, tmp_path / f.name)
    assert results.check([tmp_path]) == []
    one = sorted(tmp_path.glob("*.json"))[0]
    data = json.loads(one.read_text())
    rel = sorted(data["snippets"])[0]
    data["snippets"][rel]["outcome"] = "raises" if data["snippets"][rel]["outcome"] == "ok" else "ok"
    one.write_text(json.dumps(data))
    (sorted(tmp_path.glob("*.json"))[-1]).unlink()
    problems = results.check([tmp_path])
    assert any(rel in p and one.stem in p for p in problems)
    assert any("no job produced results" in p for p in problems)
