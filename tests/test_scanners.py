"""keras-doctor beside modelscan and ModelAudit (kb/tools/scanners.py, `make scanners`): the
committed record (results/scanners/scanners.json) still describes the files it names, its
keras-doctor column is what the doctor in doctor/ says today, its ground truth comes from
how each file was made, and the site's tables are generated from it. modelscan and
ModelAudit are not run here (minutes, and TensorFlow): `make scanners` runs them again."""
from __future__ import annotations

import copy
import json
import re
import sys
import tempfile
from pathlib import Path

import pytest

from kb.engine import runtimes
from kb.site.tables import scanners as table
from kb.tools import scanners

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "doctor"))

from keras_doctor.findings import diagnose  # noqa: E402

DATA = json.loads(scanners.RESULTS.read_text())


def test_the_record_names_existing_files_unchanged_since_the_run():
    assert len(DATA["files"]) >= 40
    for f in DATA["files"]:
        assert scanners.sha256(ROOT / f["file"]) == f["sha256"], f"{f['file']} changed since the run"
        assert set(f["tools"]) == {"keras-doctor", "modelscan", "modelaudit"}


def test_the_corpus_has_files_with_code_and_without_in_every_format_keras_writes():
    code = {f["format"] for f in DATA["files"] if f["holds_code"]}
    benign = {f["format"] for f in DATA["files"] if not f["holds_code"]}
    assert {"h5", "keras", "savedmodel"} <= benign and {"h5", "keras"} <= code
    assert {f["source"] for f in DATA["files"]} >= {"conformance", *scanners.WRITERS}


def test_ground_truth_comes_from_how_each_file_was_made():
    """A conformance case: what its snippet stored (scanners.CASES); a generated file: what its
    features store on its writer's family; a file whose load ran the canary holds code."""
    for f in DATA["files"]:
        if f["source"] == "conformance":
            case = f["file"].split("/")[2]
            assert f["holds_code"] == bool(scanners.CASES[case]), f["file"]
        else:
            family = runtimes.get(f["source"]).family.name
            assert f["holds_code"] == bool(scanners.stored_code(f["features"], family, f["format"])), f["file"]
            if f["ran_on_load"]:  # a real load ran the stored canary: it holds code
                assert f["holds_code"], f["file"]


@pytest.mark.parametrize("f", DATA["files"], ids=lambda f: f["file"])
def test_the_doctor_column_is_what_the_doctor_says_today(f):
    """Fails when the doctor changes and the record was not run again
    (`python -m kb.tools.scanners run keras-doctor`)."""
    recorded = f["tools"]["keras-doctor"]
    try:
        report = json.loads(json.dumps(diagnose(str(ROOT / f["file"]))))
    except Exception:  # the command says it cannot read the file
        assert not recorded["read"], f["file"]
        return
    flagged, said = scanners.doctor_verdict(report)
    assert (recorded["read"], recorded["flagged"], recorded["said"]) == (True, flagged, said)


def test_the_doctor_run_as_its_command_matches_the_record(tmp_path):
    """One file through the installed command, as `make scanners` runs it (when its venv
    exists): the same verdict as in-process."""
    if not (scanners.DOCTOR_VENV / "bin" / "keras-doctor").exists():
        pytest.skip("no .runtimes/scanner-keras-doctor (make scanners builds it)")
    f = next(f for f in DATA["files"] if f["holds_code"] and f["tools"]["keras-doctor"]["flagged"])
    got = scanners.run_doctor(ROOT / f["file"], tmp_path)
    assert (got["read"], got["flagged"], got["said"]) == tuple(
        f["tools"]["keras-doctor"][k] for k in ("read", "flagged", "said"))


def test_the_summary_counts_follow_the_record():
    s = table.summary(DATA)
    for tool in DATA["versions"]:
        code = [f for f in DATA["files"] if f["holds_code"]]
        assert len(s[tool]["found"]) == sum(f["tools"][tool]["flagged"] for f in code)
        assert len(s[tool]["found"]) + len(s[tool]["missed"]) == len(code)
    changed = copy.deepcopy(DATA)
    victim = next(f for f in changed["files"] if f["holds_code"] and f["tools"]["keras-doctor"]["flagged"])
    assert victim["file"] not in table.table(changed)
    victim["tools"]["keras-doctor"]["flagged"] = False
    assert len(table.summary(changed)["keras-doctor"]["found"]) == len(s["keras-doctor"]["found"]) - 1
    assert victim["file"] in table.table(changed)  # named among the doctor's misses


def _rows(html: str) -> dict[str, list[str]]:
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells:
            out[cells[0]] = cells
    return out


def test_the_built_page_shows_the_tables_made_from_the_record(site):
    html = (site / "doctor-and-scanners" / "index.html").read_text()
    rows = _rows(html)
    code = [f for f in DATA["files"] if f["holds_code"]]
    benign = [f for f in DATA["files"] if not f["holds_code"]]
    for tool, title in table.TITLES.items():
        row = rows[f"{title} {DATA['versions'][tool]}"]
        assert row[1] == str(sum(f["tools"][tool]["flagged"] for f in code))
        assert row[2] == str(sum(f["tools"][tool]["flagged"] for f in benign))
        assert row[4] == str(sum(not f["tools"][tool]["read"] for f in DATA["files"]))
    assert DATA["date"] in html
    for f in DATA["files"]:  # the table of every file
        assert table.short(f["file"]) in rows, f["file"]
