"""keras-doctor's rules as data (doctor/keras_doctor/spec/) and its conformance corpus
(doctor/conformance/, made by snippets/conformance/ on the runtimes), checked every way:
each finding has a case, an answer on the site and a snippet whose run shows its claim; each
case is passed by the Python doctor, is valid against the report schema, and is the report the
snippet's golden shows for the file the runtime made."""
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

from kb.tools import conformance
from kb.engine import goldens, snippets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "doctor"))

from keras_doctor import tables  # noqa: E402

CASES = sorted(p.parent for p in conformance.CORPUS.glob("*/expected.json"))


def _results() -> dict[str, set[str]]:
    """snippet path -> runtimes it ran on (results/*.json)."""
    ran: dict[str, set[str]] = {}
    for f in (ROOT / "results").glob("*.json"):
        data = json.loads(f.read_text())
        for path, res in data["snippets"].items():
            if res.get("golden"):
                ran.setdefault(path, set()).add(data["runtime"])
    return ran


def test_the_spec_is_what_the_doctor_reads():
    spec = {p.name for p in tables.SPEC.glob("*.json")}
    assert spec == {"findings.json", "classes.json", "bytecode.json", "formats.json",
                    "report.schema.json", "releases.json", "site.json", "limits.json"}
    jsonschema.Draft202012Validator.check_schema(tables.REPORT_SCHEMA)
    codes = list(tables.FINDINGS)
    assert codes == sorted(codes) and all(re.fullmatch(r"KD\d{3}", c) for c in codes)
    for code, f in tables.FINDINGS.items():
        assert set(f) <= {"severity", "summary", "message", "answer", "answer_by_format", "backed_by"}
        assert f["severity"] in ("error", "warning", "info")


def test_the_limits_are_typed_once_in_the_spec():
    """Both doctors take every limit from spec/limits.json and type none of their own."""
    limits = {k: v for k, v in tables.LIMITS.items() if k != "why"}
    assert limits and set(limits) == set(tables.LIMITS["why"])
    assert all(getattr(tables, name) == value for name, value in limits.items())
    js = (ROOT / "doctor" / "js").glob("**/*.js")
    py = (ROOT / "doctor" / "keras_doctor").glob("**/*.py")
    for f in [*js, *py]:
        assert not re.search(r"\bMAX_[A-Z_]+\s*=\s*[\d(]", f.read_text()), f
    exported = re.search(r"export const \{([^}]*)\} = LIMITS",
                         (ROOT / "doctor" / "js" / "tables.js").read_text())
    assert {n.strip() for n in exported.group(1).split(",") if n.strip()} == set(limits)


def test_every_finding_has_a_case():
    seen = {f["code"] for case in CASES
            for f in json.loads((case / "expected.json").read_text())["findings"]}
    assert set(tables.FINDINGS) <= seen, f"findings without a conformance case: {set(tables.FINDINGS) - seen}"
    assert seen <= set(tables.FINDINGS)


def test_every_finding_is_answered_by_a_heading_that_exists():
    ids = {page.stem: set(re.findall(r"\{[^}]*#([\w-]+)[^}]*\}\s*$", page.read_text(), re.M))
           for page in (ROOT / "docs").glob("*.md")}
    for code, f in tables.FINDINGS.items():
        for answer in [f["answer"], *f.get("answer_by_format", {}).values()]:
            name, anchor = answer.split("#")
            assert anchor in ids.get(name, set()), f"{code}: {answer} does not exist"
    for other in tables.OTHER_FILES:  # files often taken for a model (spec/formats.json)
        name, anchor = other["answer"].split("#")
        assert anchor in ids.get(name, set()), f"{other['what']}: {other['answer']} does not exist"


def test_every_finding_is_backed_by_a_snippet_that_ran():
    ran = _results()
    for code, f in tables.FINDINGS.items():
        assert f["backed_by"], f"{code} has no snippet behind its claim"
        for rel in f["backed_by"]:
            assert (ROOT / rel).is_file(), f"{code}: {rel} does not exist"
            assert ran.get(rel), f"{code}: {rel} has no recorded run (results/)"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_python_doctor_passes_the_case(case):
    made = json.loads((case / "made_by.json").read_text())
    expected = json.loads((case / "expected.json").read_text())
    jsonschema.validate(expected, tables.REPORT_SCHEMA)
    assert conformance.expected(case, made["path"]) == expected
    # the same report as the one the snippet printed on its runtime, for the file it made
    s = snippets.parse(ROOT / made["snippet"])
    assert made["runtime"] in s.runtimes
    shown = conformance.golden_reports(goldens.lookup(s, made["runtime"]).read_text())
    assert shown[case.name] == expected, f"{case.name}: the golden of {made['snippet']} differs"
    files = [p for p in case.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 200_000  # KBs, not MBs


@pytest.fixture(scope="module")
def node_doctor():
    """The JavaScript doctor run by Node from this checkout (doctor/js/node.mjs), with the
    npm packages it pins installed as the site build installs them."""
    from kb.site import doctor_web

    modules = doctor_web.install()

    def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["node", str(ROOT / "doctor" / "js" / "node.mjs"), *args], cwd=cwd,
                              capture_output=True, text=True, timeout=60,
                              env={"PATH": "/usr/bin:/bin", "KB_DOCTOR_NODE_MODULES": str(modules)})
    return run


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_javascript_doctor_passes_the_case_without_a_browser(case, node_doctor):
    """The browser's doctor, the same modules its worker loads, gives every case's report
    word for word (the path it was given included), as the Python doctor does."""
    expected = json.loads((case / "expected.json").read_text())
    proc = node_doctor(case, expected["path"])
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert json.loads(proc.stdout) == expected


def test_the_javascript_doctor_refuses_what_it_cannot_read_in_one_line(node_doctor, tmp_path):
    (tmp_path / "model.keras").write_bytes(b"not a zip at all")
    proc = node_doctor(tmp_path, "model.keras")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "model.keras: named .keras but not a zip file (truncated or corrupt?)\n"


def test_every_case_a_snippet_prints_is_in_the_corpus():
    for s in conformance.makers():
        for rt in s.runtimes:
            golden = goldens.lookup(s, rt)
            if golden.exists():
                assert set(conformance.golden_reports(golden.read_text())) <= {c.name for c in CASES}


def test_the_false_alarm_is_gone():
    """A plain Keras 2.15 .h5 (Input plus three Dense) loads in Keras 3 (the version scan
    shows it): the doctor reports it as information, with no error."""
    rep = json.loads((conformance.CORPUS / "keras2-plain-h5" / "expected.json").read_text())
    assert rep["keras_version"].startswith("2.15")
    assert [(f["code"], f["severity"]) for f in rep["findings"]] == [("KD010", "info")]
    scan = (ROOT / "snippets/your-version/040_check_load_keras2_files.keras3.out").read_text()
    assert "keras2-2.15.0 plain.h5, default: loads; predictions equal" in scan


def _rezipped(src: Path, dest: Path, method: int, weights: bytes | None = None) -> None:
    """A case's .keras written again with another compression (Keras writes it stored: a user
    who zips an unzipped .keras again deflates it), its model.weights.h5 replaced if given."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dest, "w", method) as out:
        for name in z.namelist():
            out.writestr(name, weights if weights is not None and name == "model.weights.h5"
                         else z.read(name))


def _python_doctor(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "keras_doctor", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(ROOT / "doctor"), "PATH": "/usr/bin:/bin"})


def test_deflated_weights_are_walked_by_both_doctors(node_doctor, tmp_path):
    """The case whose model.weights.h5 holds a dataset stored in an outside file, deflated:
    both doctors inflate it (bounded) and report it at the same place as in the stored case."""
    case = conformance.CORPUS / "keras3-weights-external-storage-keras"
    _rezipped(case / "model.keras", tmp_path / "model.keras", zipfile.ZIP_DEFLATED)
    py, js = _python_doctor(tmp_path, "model.keras", "--json"), node_doctor(tmp_path, "model.keras")
    assert py.returncode == js.returncode == 0, (py.stderr, js.stderr)
    report = json.loads(py.stdout)
    assert json.loads(js.stdout) == report
    assert report["hazards"] == json.loads((case / "expected.json").read_text())["hazards"]
    assert report["hazards"][0]["path"] == "model.weights.h5:/layers/dense/vars/0"


def test_compressed_weights_past_the_limit_are_refused_with_their_size(node_doctor, tmp_path):
    """A deflated model.weights.h5 is walked in memory: past MAX_CONFIG_BYTES both doctors
    refuse it in one line that gives the size the zip declares (its true size)."""
    case = conformance.CORPUS / "keras3-weights-clean-keras"
    with zipfile.ZipFile(case / "model.keras") as z:
        weights = z.read("model.weights.h5")
    size = tables.MAX_CONFIG_BYTES + 4096
    _rezipped(case / "model.keras", tmp_path / "model.keras", zipfile.ZIP_DEFLATED,
              weights + bytes(size - len(weights)))
    py, js = _python_doctor(tmp_path, "model.keras"), node_doctor(tmp_path, "model.keras")
    assert py.returncode == js.returncode == 2 and py.stdout == js.stdout == ""
    assert "model.weights.h5, compressed in the zip" in py.stderr
    assert f"({size} bytes;" in py.stderr
    assert py.stderr.split("error: ", 1)[1] == js.stderr, (py.stderr, js.stderr)
