"""Version facts come from the runs: no range typed in prose, the version scan on every
release, advisories beside what the canaries showed."""
import re

import pytest

from kb.site.tables import advisories, versions
from kb.site import includes
from kb.engine import results, runtimes, snippets

DOCS = snippets.ROOT / "docs"
# a version range written as text: "since 3.11.3", "before Keras 3.11", "up to 2.15",
# "3.4 to 3.9", "3.0-3.10", "3.15+", "3.11 or later", "< 3.9.0", ">= 2.13"
VERSION = r"v?\d+\.\d+(?:\.\d+)?"
RANGE_RE = re.compile(
    rf"\b(?:since|before|after|up to|until|through|prior to)\s+"
    rf"(?:(?:Keras|tf-keras|TensorFlow|TF|Python)\s+)?{VERSION}\b"
    rf"|\b{VERSION}\s*(?:–|-|to)\s*<?\s*{VERSION}\b"
    rf"|\b{VERSION}\s*(?:\+|or later|and later|or newer|and newer|or earlier|and earlier|onwards)"
    rf"|[<>≤≥]=?\s*{VERSION}\b", re.I)
EXEMPT = "<!-- kb:source -->"  # a line quoting a source's own numbers


def prose_lines(text):
    """(line number, line) of a page outside code fences, include lines and HTML comments."""
    in_fence = False
    for no, line in enumerate(text.splitlines(), 1):
        if re.match(r"^\s*(`{3,}|~{3,})", line):
            in_fence = not in_fence
            continue
        if in_fence or includes.LINE_RE.match(line):
            continue
        yield no, re.sub(r"<!--.*?-->", "", line) if EXEMPT not in line else ""


def typed_ranges(text):
    return [(no, m.group(0)) for no, line in prose_lines(text) for m in RANGE_RE.finditer(line)]


def test_the_range_pattern_catches_typed_ranges_and_not_single_versions():
    caught = typed_ranges("Keras 3 before 3.11.3 ignored it.\nKeras 3.4 to 3.9 fail.\n"
                          "Use 3.15.1 or later.\nAffected: < 3.9.0\nsince Keras 3.11\n"
                          "Keras 3.0-3.10\n")
    assert [m for _, m in caught] == ["before 3.11.3", "3.4 to 3.9", "3.15.1 or later",
                                      "< 3.9.0", "since Keras 3.11", "3.0-3.10"]
    assert typed_ranges("Keras 3.15.1 refuses it; Keras 3.10 loads it; a file from Python 3.12.\n") == []
    assert typed_ranges("```text\nKeras 3.0-3.10\n```\n") == []
    assert typed_ranges("Python 3.8 to 3.10 write six counters <!-- kb:source -->\n") == []


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.name)
def test_no_version_range_is_typed_in_prose(page):
    found = typed_ranges(page.read_text(encoding="utf-8"))
    assert not found, (f"{page.name}: version ranges typed in prose {found}; derive them with "
                       f"<!-- kb:releases KEY | CASE | WORD | FAMILY --> or mark a sentence that "
                       f"quotes a source with {EXEMPT}")


SCAN = [s for s in snippets.discover() if s.path.parent.name == versions.TOPIC]


def test_every_scan_snippet_has_a_recorded_result_on_every_release_it_selects():
    assert {rt.family.name for s in SCAN for rt in map(runtimes.get, s.runtimes)} >= {
        "keras3", "tf-keras", "keras2"}
    missing = [f"{s.rel} [{rt}]" for s in SCAN for rt in s.runtimes
               if s.rel not in results.load(rt)["snippets"]]
    assert not missing, f"no results recorded (run --update-goldens): {missing}"
    keras3 = [rt for rt in runtimes.RUNTIMES if runtimes.get(rt).family.name == "keras3"]
    assert all(rt in s.runtimes for s in SCAN for rt in keras3)  # every Keras 3 release


def test_every_scan_case_has_a_verdict_on_every_release_of_its_snippet():
    data = versions.scan()
    assert len(data) >= len(SCAN) - 1  # every scan snippet prints cases but the one saving
    for s in (s for s in SCAN if s.key in data):
        cases = data[s.key]
        for case, per in cases.items():
            gone = set(s.runtimes) - set(per)
            # a case that only some families print (e.g. a writer's folder) is per family
            fams = {runtimes.get(rt).family.name for rt in per}
            gone = {rt for rt in gone if runtimes.get(rt).family.name in fams}
            assert not gone, f"{s.key} {case!r}: no verdict on {sorted(gone)}"


def test_verdicts_are_parsed_from_the_goldens_and_ranges_are_derived():
    per = versions.scan()["your-version/020_check_load_own_files"]["lambda.h5, default"]
    assert {v.word for v in per.values()} >= {"loads", "refuses"}
    text = versions.releases("your-version/020_check_load_own_files", "lambda.h5, default",
                             "refuses", "keras3")
    newest = runtimes.newest("keras3")
    assert text.startswith("Keras 3.") and text.endswith(newest.version)
    with pytest.raises(KeyError):
        versions.releases("your-version/020_check_load_own_files", "no such case", "loads")


ADVISORIES = advisories.load()


def test_advisories_are_data_with_sources_and_valid_ranges():
    ids = [a.id for a in ADVISORIES]
    assert len(ids) == len(set(ids)) and len(ids) >= 15
    for a in ADVISORIES:
        assert a.sources and all(u.startswith("https://") for u in a.sources), a.id
        assert a.fixed and all(not a.applies(v) for v in a.fixed), f"{a.id}: a fixed version is in its range"


@pytest.mark.parametrize("adv", [a for a in ADVISORIES if a.proof], ids=lambda a: a.id)
def test_an_advisory_and_its_canary_agree_or_say_why(adv):
    fired = advisories.proof(adv)
    assert fired, f"{adv.id}: its proof case has no results"
    bad = advisories.disagreements(adv)
    assert not bad or adv.reason, f"{adv.id}: the advisory and our runs disagree: {bad}"
