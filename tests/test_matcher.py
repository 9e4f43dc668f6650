"""The message matcher: the Python one (kb/site/messages/match.py, behind `python -m kb.explain`
and the corpus evaluation) and the browser's (docs/javascripts/matcher.js, run here in Node)
rank alike on every message of the corpus and on odd input; the matcher's answers."""
import json
import subprocess
import sys

import pytest

from kb.engine.runtimes import ROOT
from kb.site import config
from kb.site.messages import catalogue, corpus, match, render
from tests.test_paste import GENERATED

ROWS = corpus.load()
NODE = """
const m = require(process.argv[1]), fs = require("fs");
const [messages, data, texts] = JSON.parse(fs.readFileSync(0, "utf8"));
const index = m.prepare(messages, data);
console.log(JSON.stringify(texts.map((t) => {
  const r = m.rank(index, t);
  return [r.cases.map((c) => c.url), r.confident, r.exact, r.template ? r.template.id : null, r.cases.map((c) => c.why)];
})));
"""


@pytest.fixture(scope="module")
def data():
    messages = render.data(catalogue.build(page_order=config.nav_pages()))
    return messages, render.match_data(messages, render.exact.DOCS, config.nav_pages())


@pytest.fixture(scope="module")
def index(data):
    return match.prepare(*data)


def _python(index, text):
    r = match.rank(index, text)
    return [[c["url"] for c in r["cases"]], r["confident"], r["exact"],
            r["template"]["id"] if r["template"] else None, [c["why"] for c in r["cases"]]]


def test_python_and_javascript_rank_alike_on_the_whole_corpus_and_odd_input(data, index):
    texts = [r.message for r in ROWS] + GENERATED + [
        "tf-layers.esm.js:4959 Uncaught (in promise) TypeError: " + ROWS[0].message,
        "com.chaquo.python.PyException: " + ROWS[1].message, "\ud800 \u00e9\u00e9 \x00\x01 constructor __proto__ toString"]
    got = subprocess.run(["node", "-e", NODE, str(ROOT / "docs" / "javascripts" / "matcher.js")],
                         input=json.dumps([*data, texts]), capture_output=True, text=True, check=True)
    js = json.loads(got.stdout)
    differ = [(t[:80], p, j) for t, j in zip(texts, js, strict=True) if (p := _python(index, t)) != j]
    assert not differ, f"{len(differ)}/{len(texts)} differ: {differ[:3]}"


def _answer_of(template_id, messages):
    return next(t["answer"]["url"] for t in messages["templates"] if t["id"] == template_id)


@pytest.mark.parametrize("form", [
    "{message}",
    "tf-layers.esm.js:4959 Uncaught (in promise) {message}",
    "com.chaquo.python.PyException: {message}",
    'Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\n    load()\n{message}\n',
])
def test_a_message_in_a_wrapper_or_traceback_finds_its_template(index, data, form):
    for t in data[0]["templates"][:40]:
        if "{" in t["template"] or "\n" in t["template"]:
            continue
        r = match.rank(index, form.format(message=t["template"]))
        assert r["confident"] and r["cases"][0]["url"] == t["answer"]["url"], (form, t["id"])


def test_the_nightly_forms_of_the_keras2_file_message_find_its_section(index, data):
    """Keras 3.16's nightly quotes the parent module and adds "module ... has no attribute"."""
    want = next(t["answer"]["url"] for t in data[0]["templates"] if "parent module" in t["template"])
    for text in ["TypeError: Could not deserialize class 'Functional' because its parent module "
                 "'keras.src.engine.functional' cannot be imported.",
                 "TypeError: Could not deserialize class 'Functional' because its parent module "
                 "keras.src.engine.functional cannot be imported. module 'keras.src.engine' has no attribute 'functional'"]:
        r = match.rank(index, text)
        assert r["cases"] and r["cases"][0]["url"] == want, (text, r["cases"])


def _row(message, section, thread):
    return corpus.Row(message, "test-family", section, "line", "dev", "test", f"https://example.org/{thread}")


def test_a_readers_own_name_counts_only_when_two_threads_use_it(data):
    messages, _ = data
    heads = match.headings(render.exact.DOCS, config.nav_pages())
    section = "fix-custom-layer#unknown-layer-custom"
    one = match.build(messages, heads, [_row("ValueError: Unknown layer: Zqxblock", section, 1)])
    assert not any("zqxblock" in d["terms"] for d in one["docs"])
    two = match.build(messages, heads, [_row("ValueError: Unknown layer: Zqxblock", section, t) for t in (1, 2)])
    assert [d["url"] for d in two["docs"] if "zqxblock" in d["terms"]] == ["fix-custom-layer/#unknown-layer-custom"]


def test_a_text_like_an_unanswered_family_gets_closest_cases_not_an_answer(data):
    messages, extra = data
    heads = match.headings(render.exact.DOCS, config.nav_pages())
    rows = [_row(f"Zqxconv crashed on the wobble op of layer {t}", "", t) for t in range(3)]
    index = match.prepare(messages, {**extra, **match.build(messages, heads, rows)})
    ranked = match.scores(index, match.clean("Zqxconv crashed on the wobble op"))
    assert ranked[0]["doc"]["url"] == "" and ranked[0]["doc"]["family"] == "test-family"
    r = match.rank(index, "Zqxconv crashed on the wobble op")
    assert not r["confident"] and all(c["url"] for c in r["cases"])


def test_explain_answers_with_the_section_and_files_what_it_cannot(index):
    row = next(r for r in ROWS if r.split == "dev" and r.section and r.kind == "line"
               and match.rank(index, r.message)["confident"])
    out = subprocess.run([sys.executable, "-m", "kb.explain", row.message], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and match.rank(index, row.message)["cases"][0]["url"] in out.stdout
    out = subprocess.run([sys.executable, "-m", "kb.explain", "zzqx qqzz"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1 and "issues/new" in out.stdout


def test_the_corpus_names_sections_that_exist_and_splits_by_thread():
    lines = corpus.FILE.read_text(encoding="utf-8").splitlines()
    body = lines[next(i for i, ln in enumerate(lines) if not ln.startswith("#")) + 1:]
    assert len(ROWS) == len([ln for ln in body if ln.strip()])  # a message starting with '#' is a row
    heads = match.headings(render.exact.DOCS, config.nav_pages())
    missing = sorted({r.section for r in ROWS if r.section and f"{r.page}#{r.anchor}" not in heads})
    assert not missing, missing
    split = {}
    for r in ROWS:
        assert r.split in ("dev", "test")
        assert split.setdefault(r.source_url, r.split) == r.split, r.source_url


def test_the_catalogue_says_how_often_and_where_readers_report_a_message():
    templates = catalogue.build(page_order=config.nav_pages())
    t = next(t for t in templates if t.template == "ValueError: bad marshal data (unknown type code)")
    rows = [r for r in ROWS if r.message.strip() == t.template]  # the wording itself, as pasted
    assert rows
    page = render.entries(templates, render.PAGE)
    entry = page.split(f"{{#{t.anchor}}}", 1)[1].split("\n### ", 1)[0]
    assert "Reported by readers" in entry and rows[0].project in entry


def test_a_topic_word_in_a_vague_text_always_has_a_case(index):
    """A format or a library the reader names (match.TOPICS) has a case among those shown,
    however many generic words rank bigger sections first."""
    assert index["held"]
    for word in index["held"]:
        for text in (f"Error loading model {word}", f"{word} load error", f"Cannot save model {word}"):
            cases = match.rank(index, text)["cases"]
            assert any(word in index["by_url"][c["url"]]["terms"] for c in cases), (text, cases)


def test_a_text_with_no_word_the_index_knows_gets_the_cases_readers_report_most(index):
    """Another language or junk is never a dead end: the cases readers report most, marked as
    such (explain says so too); only blank text gets none."""
    most = max((d for d in index["docs"] if d["url"]), key=lambda d: d["prior"])
    for text in ["模型加载问题", "\x00\x01 \u2603", "Ошибка."]:
        r = match.rank(index, text)
        assert r["usual"] and not r["confident"] and len(r["cases"]) == match.MAX_CASES
        assert r["cases"][0]["url"] == most["url"] and all(c["why"] == [] for c in r["cases"])
    assert match.rank(index, " \n\t")["cases"] == []
    assert not match.rank(index, "Unknown layer: Lambda")["usual"]
    out = subprocess.run([sys.executable, "-m", "kb.explain", "模型加载问题"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1 and "readers report most" in out.stdout and most["url"] in out.stdout


def test_a_library_or_format_is_one_word_however_spelled():
    """keras-hub, keras_hub, KerasHub (and TF.js, TFLite, Core ML, SavedModel spelled any way)
    give the same terms, in match.py as in matcher.js (the corpus test above runs both)."""
    for spellings in (["keras-hub", "keras_hub", "KerasHub", "keras hub"],
                      ["TensorFlow.js", "tfjs", "tf.js", "TensorFlowJS", "node.js", "JS"],
                      ["TFLite", "tf-lite", "TensorFlow Lite"], ["Core ML", "CoreML", "coremltools"],
                      ["SavedModel", "saved_model", "saved model"]):
        got = {tuple(match.split_words(s)) for s in spellings}
        assert len(got) == 1, got
    assert match.split_words("model.json to JS") == ["model", "json", match.stem("tfjs")]
