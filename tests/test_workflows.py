"""The GitHub workflows are valid (actionlint, offline) and least-privilege."""
import subprocess
from pathlib import Path

import yaml

from kb import snippets

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
    assert "kb.matrix drift" in (snippets.ROOT / "Makefile").read_text()


def test_dependabot_covers_the_pins():
    data = yaml.safe_load((snippets.ROOT / ".github" / "dependabot.yml").read_text())
    ecosystems = {(u["package-ecosystem"], u["directory"]) for u in data["updates"]}
    assert ("pip", "/") in ecosystems and ("github-actions", "/") in ecosystems
    for eco, directory in ecosystems:
        assert (snippets.ROOT / directory.lstrip("/")).is_dir(), directory
