"""The pre-commit hook (.pre-commit-hooks.yaml) with the real pre-commit, offline, on a scratch
repository: the hook repository is made from this checkout's hook file and doctor/ (as they
are in the working tree), a commit of a benign model passes, a commit of a Lambda model is
refused and says why, and so is a file the doctor cannot read."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "doctor" / "conformance"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(cwd, *args, env=None):
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def scratch(tmp_path):
    assert PRE_COMMIT.exists(), "pre-commit is missing: make install (requirements.lock has it)"
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin",
           "HOME": str(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8"}
    hooks = tmp_path / "hooks"  # the hook repository: what a user's `repo:` points at
    hooks.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks)
    shutil.copytree(ROOT / "doctor", hooks / "doctor", ignore=shutil.ignore_patterns(
        "conformance", "__pycache__"))
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "hooks"]):
        assert git(hooks, *args, env=env).returncode == 0
    rev = git(hooks, "rev-parse", "HEAD", env=env).stdout.strip()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: keras-doctor\n")
    assert git(repo, "init", "-q", env=env).returncode == 0
    proc = subprocess.run([PRE_COMMIT, "install"], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return repo, env


def commit(repo, env, *files):
    """git commit of the files given (source, name) and all else changed: (status, output)."""
    for src, name in files:
        shutil.copy(src, repo / name)
    assert git(repo, "add", "-A", env=env).returncode == 0
    proc = git(repo, "commit", "-m", "models", env=env)
    return proc.returncode, proc.stdout + proc.stderr


def case(name: str) -> Path:
    return CORPUS / name / json.loads((CORPUS / name / "expected.json").read_text())["path"]


def test_a_benign_model_is_committed_a_lambda_model_is_refused(scratch):
    repo, env = scratch
    status, out = commit(repo, env, (case("keras2-plain-h5"), "plain.h5"))
    assert status == 0 and "keras-doctor (Keras model files)" in out and "Passed" in out, out
    status, out = commit(repo, env, (case("keras3-lambda-keras"), "lambda.keras"),
                         (ROOT / "README.md", "notes.md"))
    assert status != 0 and "Failed" in out and "KD001 error" in out, out
    assert git(repo, "log", "--oneline", env=env).stdout.count("\n") == 1  # not committed
    (repo / "lambda.keras").unlink()
    (repo / "broken.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(100))
    status, out = commit(repo, env)
    assert status != 0 and "keras-doctor: error: broken.h5" in out, out
    (repo / "broken.h5").unlink()
    status, out = commit(repo, env, (case("keras3-lambda-keras"), "notes.txt"))
    assert status == 0 and "(no files to check)" in out, out  # not a model file name
