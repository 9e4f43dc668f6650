"""The next Keras before it ships: a preview family's selection, goldens, and what the site
makes of its recorded run, with that run (results/<preview>.json) and without it."""
import shutil

import pytest

from kb.engine import goldens, results, runtimes, snippets
from kb.site.messages import catalogue
from kb.site.tables import preview, versions

SNIPPETS = snippets.discover()
(PREVIEW,) = runtimes.PREVIEWS.values()  # the registry's one preview today
BASE = runtimes.newest(PREVIEW.family.base)


def test_a_preview_runs_what_its_base_family_s_selectors_admit_and_is_no_release():
    assert PREVIEW.name not in runtimes.RELEASES and runtimes.newest(PREVIEW.family.base) is BASE
    on = {s.rel for s in SNIPPETS if PREVIEW.name in s.runtimes}
    admits = {s.rel for s in SNIPPETS if any(
        not sel.startswith(PREVIEW.family.base + "-") and sel.startswith(PREVIEW.family.base)
        and PREVIEW in runtimes.select(sel) for sel in s.selectors)}
    assert on == admits and len(on) > 100
    assert all(BASE.name in s.runtimes for s in SNIPPETS if PREVIEW.name in s.runtimes)


def test_a_preview_s_own_goldens_are_exactly_where_it_prints_something_else():
    own = 0
    for s in SNIPPETS:
        if PREVIEW.name not in s.runtimes:
            continue
        mine, base = goldens.lookup(s, PREVIEW.name), goldens.lookup(s, BASE.name)
        if f".{PREVIEW.family.name}" in mine.name:
            own += 1
            assert mine.read_text() != base.read_text(), mine.name  # --update-goldens prunes it
        else:
            assert mine == base
    assert own == len({d.snippet.rel for d in preview.differences()})


def test_the_site_reads_the_preview_s_run_and_builds_without_it(tmp_path, monkeypatch):
    assert results.path(PREVIEW.name).exists()
    found = preview.differences()
    assert found and all(d.before != d.after for d in found)
    assert preview.summary("index.md").startswith("**Coming in the next Keras**")
    assert any(t.unreleased for t in catalogue.build())
    for f in results.DIR.glob("*.json"):
        if f.stem != PREVIEW.name:
            shutil.copy(f, tmp_path / f.name)
    monkeypatch.setattr(results, "DIR", tmp_path)
    versions.scan.cache_clear()
    try:
        assert preview.recorded() == [] and preview.differences() == []
        assert preview.section({}, "next.md").startswith("No run of the next Keras is recorded here")
        assert preview.summary("index.md") == "" and preview.feed_entry("https://x/") is None
        assert not any(t.previews for t in catalogue.build())
    finally:
        versions.scan.cache_clear()


@pytest.mark.parametrize("key", ["security/050_check_public_function_lambda"])
def test_the_canary_s_next_release_note_is_the_nightly_s_own_output(key):
    (d,) = [d for d in preview.differences() if d.snippet.key == key]
    note = preview.section({}, "security.md", key)
    assert d.after[1].splitlines()[0] in note and "not a release yet" in note
    assert "does not load under safe_mode=True" in d.after[1] and "loads under safe_mode=True" in d.before[1]


def test_relocking_rewrites_the_preview_s_pin_and_a_release_is_appended(tmp_path):
    """`preview --relock` replaces the preview's entry (the newest nightly and rc, from the
    index: here given); `release` appends one to its family's list; both leave the rest as it is."""
    import os
    import subprocess
    import sys
    import tomllib

    reg = tmp_path / "registry.toml"
    reg.write_text(runtimes.REGISTRY.read_text())
    code = ("from kb.tools import environments as e; "
            f"print(e.add_release({PREVIEW.family.name!r}, '3.16.0.dev2099010104', '2.22.0rc9', replace=True)); "
            f"print(e.add_release({BASE.family.name!r}, '99.0.0', '9.9.9'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=snippets.ROOT,
                          env=dict(os.environ, KB_REGISTRY=str(reg)), timeout=60)
    assert proc.stdout.split() == [f"{PREVIEW.family.name}-3.16.0.dev2099010104",
                                   f"{BASE.family.name}-99.0.0"], proc.stderr
    new, old = tomllib.loads(reg.read_text())["families"], tomllib.loads(runtimes.REGISTRY.read_text())["families"]
    assert new[PREVIEW.family.name]["releases"] == [{"version": "3.16.0.dev2099010104", "tensorflow": "2.22.0rc9"}]
    assert new[BASE.family.name]["releases"] == old[BASE.family.name]["releases"] + [
        {"version": "99.0.0", "tensorflow": "9.9.9"}]
    assert {k: v for k, v in new.items() if k not in (PREVIEW.family.name, BASE.family.name)} == \
        {k: v for k, v in old.items() if k not in (PREVIEW.family.name, BASE.family.name)}
