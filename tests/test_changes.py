"""The change feed (kb/site/tables/changes.py) from a repository's history of results/ and goldens."""
import json
import subprocess
import xml.etree.ElementTree as ET

from kb.site.tables import changes


def _commit(repo, files, message):
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", "commit",
                    "-qm", message], check=True)
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()


def _results(snips, versions):
    return json.dumps({"runtime": "keras3-3.15.1", "versions": versions, "snippets": {
        rel: {"outcome": outcome, "exception": None, "golden": golden}
        for rel, (golden, outcome) in snips.items()}})


def test_a_release_lists_the_pairs_whose_output_or_outcome_changed_and_no_other(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    snips = {"snippets/t/010_a.py": ("snippets/t/010_a.out", "ok"),
             "snippets/t/020_b.py": ("snippets/t/020_b.out", "ok")}
    _commit(repo, {"results/keras3-3.15.1.json": _results(snips, {"tensorflow": "2.20.0"}),
                   "snippets/t/010_a.out": "one\n", "snippets/t/020_b.out": "two\n"}, "first")
    # a's output changes, b's does not, c is new (not a change), with a TensorFlow upgrade
    snips2 = {**snips, "snippets/t/030_c.py": ("snippets/t/030_c.out", "ok")}
    second = _commit(repo, {"results/keras3-3.15.1.json": _results(snips2, {"tensorflow": "2.21.0"}),
                            "snippets/t/010_a.out": "one, changed\n", "snippets/t/030_c.out": "c\n"},
                     "second")
    _commit(repo, {"README": "no results change\n"}, "not a release")
    # b's golden renamed with the same text: no change; a now raises: a change
    snips3 = {"snippets/t/010_a.py": ("snippets/t/010_a.out", "raises"),
              "snippets/t/020_b.py": ("snippets/t/020_b.keras3.out", "ok"),
              "snippets/t/030_c.py": ("snippets/t/030_c.out", "ok")}
    third = _commit(repo, {"results/keras3-3.15.1.json": _results(snips3, {"tensorflow": "2.21.0"}),
                           "snippets/t/020_b.keras3.out": "two\n"}, "third")
    rels = changes.releases(repo)
    assert [r.commit for r in rels] == [third, second]  # newest first; "first" is the baseline
    assert [(c["snippet"], c["outcome"]) for c in rels[1].changed] == [("snippets/t/010_a.py", ("ok", "ok"))]
    assert rels[1].changed[0]["versions"] == {"tensorflow": ("2.20.0", "2.21.0")}
    assert [(c["snippet"], c["outcome"]) for c in rels[0].changed] == [("snippets/t/010_a.py", ("ok", "raises"))]

    where = {"snippets/t/010_a.out": ("page.md", "sec", "A section")}
    text = changes.page(where, "changes.md", rels, repo)
    assert f"{{: #release-{second[:12]} .kb-release }}" in text and "[A section](page.md#sec)" in text
    assert "tensorflow 2.20.0 → 2.21.0" in text and "ok → raises" in text
    feed = ET.fromstring(changes.atom(where, "https://example.org/kb/", rels))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    ids = [e.find("a:id", ns).text for e in feed.findall("a:entry", ns)]
    assert ids == [f"https://example.org/kb/changes/#release-{c[:12]}" for c in (third, second)]
    assert "https://example.org/kb/page/#sec" in feed.find("a:entry/a:content", ns).text


def test_no_release_with_changes_says_so(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    snips = {"snippets/t/010_a.py": ("snippets/t/010_a.out", "ok")}
    _commit(repo, {"results/keras3-3.15.1.json": _results(snips, {}), "snippets/t/010_a.out": "x\n"}, "1")
    _commit(repo, {"results/keras3-3.15.1.json": _results(snips, {"keras": "3.15.1"})}, "2")
    assert changes.releases(repo) == []
    assert "No answer" in changes.page({}, "changes.md", [], repo)
