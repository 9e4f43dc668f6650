"""keras-doctor --keras: what a release did with such a file, from the version scan's
results, through the derived file the wheel carries (spec/releases.json)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb.site import config
from kb.site.tables import advisories, versions
from kb.tools import conformance, doctor_releases
from kb.engine import runtimes

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "keras_doctor", *args], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT / "doctor"), "PATH": "/usr/bin:/bin"})


def test_the_site_url_is_a_copy_of_mkdocs_yml_s():
    conf = config.load()
    site = json.loads(doctor_releases.SITE.read_text())
    assert site["site_url"] == conf["site_url"], "spec/site.json is not current: python -m kb.tools.doctor_releases"
    d = conformance.CORPUS / "keras3-lambda-keras"
    rep = json.loads(run("model.keras", "--json", cwd=d).stdout)
    for f in rep["findings"]:  # full URLs: they lead somewhere from a terminal
        assert f["page"].startswith(conf["site_url"].rstrip("/") + "/") and "/#" in f["page"]


def test_the_derived_file_is_current():
    assert doctor_releases.OUT.read_text() == doctor_releases.text(doctor_releases.build()), \
        "spec/releases.json is not current: python -m kb.tools.doctor_releases"


@pytest.mark.parametrize("case,kind", [("keras3-lambda-keras", "lambda.keras"),
                                       ("keras2-plain-h5", "plain.h5"), ("keras3-custom-h5", None),
                                       ("keras3-wrapped-lambda-keras", None)])
@pytest.mark.parametrize("wanted", ["3.12", "3.9", "3.15.1", "2.15"])
def test_what_the_release_did_is_what_its_run_recorded(case, kind, wanted):
    d = conformance.CORPUS / case
    path = json.loads((d / "made_by.json").read_text())["path"]
    proc = run(path, "--json", "--keras", wanted, cwd=d)
    assert proc.returncode == 0, proc.stderr
    rep = json.loads(proc.stdout)
    t = rep["target"]
    assert t["file"] == kind and t["written_by"] == rep["keras_version"]
    if kind is None:  # features no file of the scan has (a custom activation, a nested
        # model, a registered class; a Lambda inside TimeDistributed): no verdict is borrowed
        assert rep["code"] and all(r["verdicts"] == {} for r in t["releases"])
    assert t["releases"] and all(r["keras"] == wanted or r["keras"].startswith(wanted + ".")
                                 for r in t["releases"])
    scan = versions.scan()
    newest = runtimes.newest("keras3").version
    applies = {a.id: set(a.releases()) for a in advisories.load()}
    for rel in t["releases"]:
        recorded = {}  # this release's runs on a file of this kind, by this writer
        for key, cases in scan.items():
            for c, per in cases.items():
                if rel["release"] not in per:
                    continue
                first, _, rest = c.partition(" ")
                if first in runtimes.RUNTIMES:
                    writer, line = runtimes.get(first).version, rest
                elif key.endswith("020_check_load_own_files"):
                    writer, line = rel["keras"], c
                elif key.endswith("030_check_load_newest_keras3_files"):
                    writer, line = newest, c
                else:
                    continue
                file, _, how = line.partition(", ")
                if writer == t["written_by"] and file == kind:
                    recorded[how] = per[rel["release"]].text
        assert rel["verdicts"] == recorded, rel["release"]
        assert {a["id"] for a in rel["advisories"]} == {i for i, rs in applies.items() if rel["release"] in rs}
    proc = run(path, "--keras", wanted, cwd=d)
    assert proc.returncode == 0 and f"with Keras {wanted} (--keras):" in proc.stdout


def test_without_the_flag_the_report_is_unchanged():
    d = conformance.CORPUS / "keras3-lambda-keras"
    proc = run("model.keras", "--json", cwd=d)
    assert json.loads(proc.stdout) == json.loads((d / "expected.json").read_text())
    assert "target" not in proc.stdout


def test_an_unknown_version_is_one_line_and_exit_2():
    proc = run("model.keras", "--keras", "9.9", cwd=conformance.CORPUS / "keras3-lambda-keras")
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1 and "3.12.0" in proc.stderr
