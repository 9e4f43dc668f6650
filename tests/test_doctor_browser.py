"""The doctor in the browser (docs/doctor-in-your-browser.md, doctor/js/) in
chromium, with tests/test_browser.py's fixtures (the site served from /kb/, outside requests
blocked and recorded, console errors recorded): the page's report equals the command's on
every conformance case, no request at all is made while a file is inspected, bad files get
one line, a 100 MB .h5 is read within the target, and the page's weight."""
import gzip
import hashlib
import json
import shutil
import time
from pathlib import Path

import pytest

from kb.engine import snippets
from tests import test_doctor_hostile as hostile
from tests.test_browser import base_url, browser, guarded, page  # noqa: F401  (fixtures)

CORPUS = snippets.ROOT / "doctor" / "conformance"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").exists())
URL = "doctor-in-your-browser/"
DONE = "#kb-doctor[data-state=done], #kb-doctor[data-state=error]"


def _files(case: str) -> list[str]:
    """What a reader picks for a case: the model file, or every file of its folder (a
    SavedModel's, a model.json with its weights)."""
    expected = json.loads((CORPUS / case / "expected.json").read_text())
    target = CORPUS / case / expected["path"]
    if target.is_dir():
        return sorted(str(p) for p in target.iterdir() if p.is_file())
    if target.name == "model.json":
        return sorted(str(p) for p in target.parent.iterdir()
                      if p.name not in ("expected.json", "made_by.json"))
    return [str(target)]


def _open(page, base_url):
    """The doctor's page, its worker loaded; then every request the page (or its worker)
    makes is recorded in page.requests."""
    page.goto(base_url + URL, wait_until="load")  # what loads later is recorded by the route
    assert page.get_attribute("#kb-doctor", "data-loaded") is None  # not before it is wanted
    page.hover("#kb-doctor-drop")  # the reader comes near the drop zone: the doctor loads
    page.wait_for_selector("#kb-doctor[data-loaded=yes]", state="attached", timeout=30000)
    # Material's search index, which would come once the page is idle: asked for now, so
    # the records below hold only what inspecting a file requests
    page.dispatch_event("#__search", "change")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                           ".textContent.trim() === 'Type to start searching'", timeout=15000)
    page.requests = []
    page.context.on("request", lambda r: page.requests.append(r.url))


@pytest.fixture(scope="module")
def opened(browser, base_url):
    """One doctor page opened (_open) for the tests that use it."""
    context = browser.new_context()
    pg = guarded(context.new_page(), base_url)
    _open(pg, base_url)
    yield pg
    context.close()


@pytest.fixture
def doctor(opened):
    """That page, its records emptied for the test."""
    del opened.requests[:], opened.errors[:], opened.outside[:]
    return opened


def _inspect(page, paths) -> dict:
    page.set_input_files("#kb-doctor-file", paths)
    page.wait_for_selector(DONE, state="attached", timeout=30000)
    state = page.get_attribute("#kb-doctor", "data-state")
    if state == "error":
        return {"error": page.inner_text("#kb-doctor-status")}
    return json.loads(page.text_content("#kb-doctor-json"))


# Every conformance case is passed by the same modules in Node (tests/test_doctor_spec.py);
# here, what needs a page: a picked file and a picked folder's files give the command's report
# through the worker, and each finding links to this copy of the site.
# a .keras's stored weights are mounted as a slice of the picked file, an unzipped .keras's as
# the picked model.weights.h5
PAGE_CASES = ["keras3-lambda-keras", "keras2-savedmodel", "tfjs-lambda",
              "keras3-weights-external-storage-keras", "keras3-weights-external-link-unzipped"]


def test_the_page_gives_the_commands_report_and_links_its_findings(page, base_url):
    assert set(PAGE_CASES) <= set(CASES)
    _open(page, base_url)
    for case in PAGE_CASES:
        expected = json.loads((CORPUS / case / "expected.json").read_text())
        got = _inspect(page, _files(case))
        # the command names the path it was given; the page names the file picked (for a
        # folder's files picked one by one it cannot know the folder's name)
        if (CORPUS / case / expected["path"]).is_file():
            assert got.get("path") == Path(expected["path"]).name, case
        got.pop("path", None), expected.pop("path")
        assert got == expected, case
        hrefs = page.eval_on_selector_all(".kb-doctor-findings a", "els => els.map(e => e.href)")
        assert hrefs and [h.split("/kb/", 1)[1] for h in hrefs] == [
            f["page"].split("/lambda-kb/", 1)[1] for f in expected["findings"]], case
    assert page.requests == [], f"requests while files were inspected: {page.requests}"
    assert page.outside == [] and page.errors == []


FUZZ = sorted(p.parent for p in (CORPUS / "fuzz").glob("*/expected.json"))


@pytest.mark.parametrize("case", FUZZ, ids=[c.name for c in FUZZ])
def test_each_finding_of_the_fuzzer_is_handled_on_the_page(doctor, case):
    """doctor/conformance/fuzz/: the command's report again, or a refusal in one line (the
    wording of libhdf5's own errors differs between h5py's build and h5wasm's)."""
    expected = json.loads((case / "expected.json").read_text())
    got = _inspect(doctor, [str(case / expected["path"])])
    if expected["status"]:
        line = got.get("error", "")
        assert line.startswith(f"keras-doctor: error: {expected['path']}: ") and "\n" not in line, got
        assert "cannot read it (" not in line
    else:
        got.pop("path"), expected["report"].pop("path")
        assert got == expected["report"]
    assert doctor.requests == [] and doctor.errors == [] and doctor.outside == []


def test_deflated_weights_are_walked_on_the_page(doctor, tmp_path):
    """A deflated model.weights.h5 is inflated on the page and mounted from memory: the
    same hazard as in the stored case, at the same place."""
    import zipfile

    case = CORPUS / "keras3-weights-external-storage-keras"
    with zipfile.ZipFile(case / "model.keras") as z, \
            zipfile.ZipFile(tmp_path / "model.keras", "w", zipfile.ZIP_DEFLATED) as out:
        for name in z.namelist():
            out.writestr(name, z.read(name))
    got = _inspect(doctor, [str(tmp_path / "model.keras")])
    assert got["hazards"] == json.loads((case / "expected.json").read_text())["hazards"]
    assert doctor.requests == [] and doctor.errors == []


def test_a_folder_names_its_report(doctor):
    doctor.set_input_files("#kb-doctor-folder", str(CORPUS / "keras2-savedmodel" / "saved"))
    doctor.wait_for_selector(DONE, state="attached", timeout=30000)
    assert json.loads(doctor.text_content("#kb-doctor-json"))["path"] == "saved"
    assert doctor.requests == [] and doctor.errors == []


@pytest.mark.parametrize("name, content", [
    ("empty.h5", b""),
    ("garbage.h5", b"not a model at all\n" * 100),
    ("model.keras", b"PK\x03\x04 truncated"),
    ("model.json", b"{\"modelTopology\": 3}"),
    ("truncated.h5", None),
    ("deep.json", b"[" * 100000),
])
def test_a_bad_file_gets_one_line_and_no_console_error(doctor, tmp_path, name, content):
    path = tmp_path / name
    if content is None:  # a real .h5 cut short
        content = (CORPUS / "keras3-lambda-h5" / "model.h5").read_bytes()[:3000]
    path.write_bytes(content)
    got = _inspect(doctor, [str(path)])
    assert "error" in got, got
    line = got["error"]
    assert line.startswith(f"keras-doctor: error: {name}: ") and "\n" not in line, line
    assert doctor.requests == [] and doctor.errors == [] and doctor.outside == []
    # the doctor still works after it
    assert _inspect(doctor, _files("keras3-lambda-h5"))["format"] == "h5"


def test_a_file_taken_for_a_model_is_refused_with_a_link_to_its_answer_here(doctor, tmp_path):
    """A pickle dropped on the page: the command's one line, its answer a link to this copy of
    the site (a firewalled or sub-path copy keeps working), not to the hosted one."""
    import pickle

    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps({"weights": [1.0]}, protocol=4))
    got = _inspect(doctor, [str(path)])
    assert got["error"].startswith("keras-doctor: error: model.pkl: not a Keras model file: a Python pickle")
    href = doctor.eval_on_selector("#kb-doctor-status a", "a => a.href")  # resolved
    assert href.startswith(doctor.url.split("/doctor-in-your-browser/")[0]) and href.endswith("/h5-vs-keras/#pickle"), href
    assert doctor.requests == [] and doctor.errors == [] and doctor.outside == []


def test_a_100_mb_h5_is_read_within_a_second(page, base_url, tmp_path):
    import h5py
    import numpy as np

    big = tmp_path / "big.h5"
    shutil.copy(CORPUS / "keras3-lambda-h5" / "model.h5", big)
    with h5py.File(big, "a") as f:
        f.create_dataset("padding", data=np.random.default_rng(0).integers(
            0, 255, 100 * 2**20, dtype=np.uint8))
    assert big.stat().st_size > 100 * 2**20
    _open(page, base_url)
    times = []
    for _ in range(3):
        got = _inspect(page, [str(big)])
        assert got["format"] == "h5" and got["layers"], got
        times.append(int(page.get_attribute("#kb-doctor", "data-ms")))
        page.set_input_files("#kb-doctor-file", [])
    print(f"100 MB .h5: {times} ms")
    assert sorted(times)[1] <= 1000, times  # the median of three


def test_the_page_weighs_at_most_1_5_mb_gzipped_and_its_scripts_load_there_only(
        page, base_url, site):
    loaded = []
    page.context.on("requestfinished", lambda r: loaded.append(r.url))
    page.goto(base_url + URL, wait_until="networkidle")
    page.hover("#kb-doctor-drop")
    page.wait_for_selector("#kb-doctor[data-loaded=yes]", state="attached", timeout=30000)
    page.wait_for_load_state("networkidle")
    total = 0
    for url in set(loaded):
        rel = url.split("/kb/", 1)[1].split("#")[0].split("?")[0]
        f = site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
        total += len(gzip.compress(f.read_bytes(), 6))
    print(f"doctor page: {len(set(loaded))} files, {total / 1e6:.2f} MB gzipped")
    assert any("hdf5_util.js" in u for u in loaded)
    assert total <= 1.5e6, total
    del loaded[:]
    page.goto(base_url + "check-your-file/", wait_until="networkidle")
    assert not [u for u in loaded if "javascripts/doctor/" in u]


def test_a_file_picked_before_the_doctor_loaded_is_read(page, base_url):
    page.goto(base_url + URL, wait_until="networkidle")
    page.set_input_files("#kb-doctor-file", _files("keras3-lambda-keras"))
    page.wait_for_selector(DONE, state="attached", timeout=30000)
    assert json.loads(page.text_content("#kb-doctor-json"))["format"] == "keras"
    assert page.outside == [] and page.errors == []


def test_a_keras_metadata_pb_alone_gives_the_layers_and_findings(doctor):
    """The signatures and the TensorFlow version are in saved_model.pb, not picked here."""
    expected = json.loads((CORPUS / "keras2-savedmodel" / "expected.json").read_text())
    got = _inspect(doctor, [str(CORPUS / "keras2-savedmodel" / "saved" / "keras_metadata.pb")])
    assert got["signatures"] == [] and got["tensorflow_version"] is None
    for key in ("layers", "findings", "custom_objects", "keras_version", "format"):
        assert got[key] == expected[key], key
    assert doctor.requests == [] and doctor.errors == []


def _command(case: str, keras: str) -> dict:
    """keras-doctor --json --keras VERSION on the case's file, as a reader runs it."""
    import contextlib
    import io

    from keras_doctor import cli

    path = CORPUS / case / json.loads((CORPUS / case / "expected.json").read_text())["path"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main([str(path), "--json", "--keras", keras]) == 0
    return json.loads(out.getvalue())


def test_the_version_picker_gives_the_commands_keras_report(page, base_url):
    """The picker offers the minor lines of the version scan; with one chosen the report is
    the command's with --keras: every version on one file, and every file on some version."""
    _open(page, base_url)
    versions = page.eval_on_selector_all("#kb-doctor-keras option", "els => els.map(e => e.value)")
    assert versions[0] == "" and len(versions) > 20, versions
    versions = versions[1:]
    pairs = [("keras3-lambda-h5", v) for v in versions]
    pairs += [(case, versions[i * 7 % len(versions)]) for i, case in enumerate(CASES)]
    said = set()
    for case, keras in pairs:
        page.select_option("#kb-doctor-keras", keras)
        got = _inspect(page, _files(case))
        expected = _command(case, keras)
        got.pop("path", None), expected.pop("path")
        assert got == expected, (case, keras)
        assert got["target"]["releases"], (case, keras)
        said.update(v for r in got["target"]["releases"] for v in r["verdicts"].values())
        shown = page.inner_text(".kb-doctor-target")
        for rel in expected["target"]["releases"]:
            assert rel["keras"] in shown and all(a["id"] in shown for a in rel["advisories"])
    # the scan's verdicts differ between versions: the picker shows both kinds
    assert any(v.startswith("loads") for v in said) and any(v.startswith("refuses") for v in said)
    # changing the version reads the last file again; "any" drops the version's part
    page.select_option("#kb-doctor-keras", "")
    page.wait_for_selector(DONE, state="attached", timeout=30000)
    page.wait_for_function("!document.querySelector('.kb-doctor-target')")
    assert "target" not in json.loads(page.text_content("#kb-doctor-json"))
    assert page.requests == [] and page.errors == [] and page.outside == []


# --------------------------------------------------------------------------- the hostile suite

# what only a command has: a path given as bytes that are not UTF-8 (a picked file has a
# name, not a path)
COMMAND_ONLY = {"test_a_path_that_is_not_utf8"}
HOSTILE = [name for name in dir(hostile) if name.startswith("test_") and name not in COMMAND_ONLY]


def _digest(path: Path):
    """What tells a file's version: its contents' hash, and (for one too large to hash fast, a
    sparse GiB say, which cannot be written again within the clock's tick) its inode, size and
    times."""
    st = path.stat()
    if not path.is_file() or st.st_size > 64 << 20:
        return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha1").digest()


def _page_doctor(page):
    """tests/test_doctor_hostile.py's doctor(d, name, [--json]), run on this page: the file or
    folder picked, the report's JSON or its text as the page shows it, the error line.
    The page shows the report and its JSON from one read: asked for the other of the two on
    the file it has just read, unchanged, it answers from what the page shows (the time is
    that read's), as a reader looks at both after one pick."""
    last = {}

    def doctor(d: Path, name: str, *args):
        path = d / name
        files = sorted(path.rglob("*")) if path.is_dir() else []
        seen = [(str(p), _digest(p)) for p in [path, *files]]
        if last.get("seen") != seen:
            page.set_input_files("#kb-doctor-file", [])
            start = time.perf_counter()
            if path.is_dir():
                page.set_input_files("#kb-doctor-folder", str(path))
            else:
                page.set_input_files("#kb-doctor-file", str(path))
            page.wait_for_selector(DONE, state="attached", timeout=60000)
            last.update(seen=seen, took=time.perf_counter() - start)
        took = last["took"]
        if page.get_attribute("#kb-doctor", "data-state") == "error":
            return 2, "", page.inner_text("#kb-doctor-status") + "\n", took
        if "--json" in args:
            return 0, page.text_content("#kb-doctor-json"), "", took
        return 0, page.inner_text("#kb-doctor-report"), "", took
    return doctor


def _calls(name):
    """The test's calls: one, or one per parametrize value."""
    fn = getattr(hostile, name)
    marks = [m for m in getattr(fn, "pytestmark", []) if m.name == "parametrize"]
    if not marks:
        return [()]
    return [(value,) for value in marks[0].args[1]]


class TestTheHostileSuite:
    """A class of its own: the largest part of the file, run beside the rest under xdist, on
    one doctor page."""

    @pytest.mark.parametrize("name", HOSTILE)
    def test_passes_on_the_page(self, doctor, tmp_path, monkeypatch, name):
        """Every hostile input of the command's suite, dropped on the page, with the same
        assertions: the same refusals (one line each), the same reports, in the same time."""
        monkeypatch.setattr(hostile, "doctor", _page_doctor(doctor))
        for i, params in enumerate(_calls(name)):
            d = tmp_path / str(i)
            d.mkdir()
            getattr(hostile, name)(d, *params)
        assert doctor.requests == [] and doctor.errors == [] and doctor.outside == []


def test_a_file_dropped_on_the_zone_is_read(page, base_url):
    """Drag and drop: a drop event whose DataTransfer holds the file (made on the page from
    the case's bytes; a drag from the desktop also brings folder entries, which a script
    cannot make: folders are tested through the folder picker)."""
    import base64

    case = "keras3-lambda-keras"
    expected = json.loads((CORPUS / case / "expected.json").read_text())
    data = base64.b64encode((CORPUS / case / expected["path"]).read_bytes()).decode()
    page.goto(base_url + URL, wait_until="networkidle")
    page.evaluate("""([name, data]) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        const zone = document.getElementById("kb-doctor-drop");
        document.dispatchEvent(new DragEvent("dragenter", {bubbles: true, dataTransfer: dt}));
        zone.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
        zone.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
    }""", [Path(expected["path"]).name, data])
    page.wait_for_selector(DONE, state="attached", timeout=30000)
    got = json.loads(page.text_content("#kb-doctor-json"))
    got.pop("path"), expected.pop("path")
    assert got == expected
    assert page.outside == [] and page.errors == []
