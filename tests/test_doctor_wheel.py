"""keras-doctor as a reader gets it: a wheel built from doctor/ with standard tools, installed
into a clean venv (no TensorFlow, no Keras, not this project), run on the conformance corpus."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCTOR = ROOT / "doctor"
CORPUS = DOCTOR / "conformance"
UV = Path(sys.executable).parent / "uv"


def run(cmd, **kw):
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=300, **kw)
    assert proc.returncode == 0, (cmd, proc.stdout[-2000:], proc.stderr[-2000:])
    return proc


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """The wheel, built offline, installed with its one dependency (h5py, which pulls numpy)
    into a venv of its own, as a reader installs it: from the package index (uv's cache when
    it holds them; --offline is not enough there, as a cached wheel may need revalidating)."""
    if not UV.exists():
        pytest.skip("uv is not installed in this environment")
    d = tmp_path_factory.mktemp("wheel")
    shutil.copytree(DOCTOR, d / "src", ignore=shutil.ignore_patterns("conformance", "__pycache__"))
    # no build isolation: the setuptools of this environment (offline, and 2 s instead of 8)
    run([UV, "build", "--offline", "--wheel", "--no-build-isolation", "-p", sys.executable,
         d / "src", "-o", d / "dist"])
    wheels = list((d / "dist").glob("keras_doctor-*-py3-none-any.whl"))
    assert len(wheels) == 1
    run([UV, "venv", "--offline", "-q", "-p", sys.executable, d / "venv"])
    py = d / "venv" / "bin" / "python"
    run([UV, "pip", "install", "-q", "--python", py, wheels[0]])
    return d / "venv"


def test_the_wheel_installs_h5py_only_and_no_tensorflow(venv):
    py = venv / "bin" / "python"
    # -I: neither the working directory (a checkout holds lambda_kb.egg-info) nor PYTHONPATH
    names = json.loads(run([py, "-I", "-c", "import json, importlib.metadata as m; "
                            "print(json.dumps(sorted(d.metadata['Name'].lower() for d in m.distributions())))"]).stdout)
    assert "keras-doctor" in names and "h5py" in names
    assert not {"tensorflow", "tensorflow-cpu", "keras", "tf-keras", "lambda-kb"} & set(names), names
    assert set(names) <= {"keras-doctor", "h5py", "numpy"}, names


def test_the_console_script_runs_on_the_corpus(venv, tmp_path):
    exe = venv / "bin" / "keras-doctor"
    assert exe.exists()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no PYTHONPATH: the installed wheel only
    cases = sorted(p for p in CORPUS.glob("*/") if (p / "expected.json").exists()) if CORPUS.exists() else []
    if not cases:  # before the corpus exists: a file made here
        import h5py
        with h5py.File(tmp_path / "w.h5", "w") as f:
            f.attrs["layer_names"] = [b"dense"]
        proc = subprocess.run([exe, tmp_path / "w.h5", "--json"], capture_output=True, text=True,
                              env=env, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["format"] == "h5-weights"
        return
    for case in cases:
        expected = json.loads((case / "expected.json").read_text())
        proc = subprocess.run([exe, expected["path"], "--json"], capture_output=True, text=True,
                              env=env, cwd=case)
        assert proc.returncode == 0, (case.name, proc.stderr)
        assert json.loads(proc.stdout) == expected, case.name


def _listing(d: Path) -> set:
    return {p.relative_to(d) for p in d.rglob("*") if "__pycache__" not in p.parts}


def test_the_release_workflow_builds_doctor_and_leaves_the_checkout_clean(tmp_path):
    """.github/workflows/doctor-release.yml: on a doctor-v* tag, its build step (run here as
    written, offline with this environment's setuptools) makes the wheel and sdist of
    doctor/, in the checkout itself, which it leaves as it was (no build/, no egg-info);
    the publish job alone may ask for an OIDC token, and uses no password."""
    import shlex

    import yaml

    if not UV.exists():
        pytest.skip("uv is not installed in this environment")
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "doctor-release.yml").read_text())
    assert wf[True]["push"] == {"tags": ["doctor-v*"]}  # YAML 1.1 reads the key `on` as True
    assert wf["permissions"] == {"contents": "read"}
    build, publish = wf["jobs"]["build"], wf["jobs"]["publish"]
    assert "permissions" not in build and publish["permissions"] == {"id-token": "write"}
    assert publish["needs"] == "build"
    (step,) = [s for s in publish["steps"] if "gh-action-pypi-publish" in s.get("uses", "")]
    assert "with" not in step or not {"password", "user"} & set(step["with"])
    (cmd,) = [s["run"] for s in build["steps"] if s.get("name") == "build"]
    argv = shlex.split(cmd)
    assert argv == ["uv", "build", "doctor", "--out-dir", "dist"]
    before = _listing(DOCTOR)
    run([UV, "build", "doctor", "--out-dir", tmp_path / "dist", "--offline",
         "--no-build-isolation", "-p", sys.executable], cwd=ROOT)
    version = __import__("tomllib").loads((DOCTOR / "pyproject.toml").read_text())["project"]["version"]
    assert sorted(p.name for p in (tmp_path / "dist").glob("keras_doctor-*")) == [
        f"keras_doctor-{version}-py3-none-any.whl", f"keras_doctor-{version}.tar.gz"]
    assert _listing(DOCTOR) == before, _listing(DOCTOR) ^ before
