"""The message catalogue (kb/site/messages/catalogue.py): templates from the recorded runs, their ids,
and what each says it matches."""
import re

import pytest

from kb.site import config
from kb.site.messages import catalogue, exact, ids, normalise, render
from kb.site.tables import versions

MESSAGES = exact.collect()
TEMPLATES = catalogue.build(page_order=config.nav_pages())


def matching(text):
    """The templates whose wording matches the longest part of a message, from its start."""
    found = [(m.end(), -t.template.count("{"), t)
             for t in TEMPLATES for m in [re.match(normalise.regex(t.template), text)] if m]
    best = max(((end, fewer) for end, fewer, _ in found), default=None)
    # the longest match; of equals, the template with fewer placeholders (as the matcher)
    return [t for end, fewer, t in found if (end, fewer) == best]


@pytest.mark.parametrize("m", MESSAGES, ids=lambda m: f"{m.runtime}:{m.snippet}")
def test_every_message_a_page_shows_matches_one_template_naming_its_runtime(m):
    found = matching(m.text)
    assert found, f"no template matches {normalise.summary(m.text)!r}"
    assert len({t.id for t in found}) == 1, [t.id for t in found]
    assert m.runtime in found[0].runtimes


def test_every_wording_the_version_scan_records_names_the_releases_that_print_it():
    checked = 0
    for cases in versions.scan().values():
        for per in cases.values():
            for rt, v in per.items():
                for t in matching(v.message.split("; fired:")[0]) if v.message else []:
                    assert rt in t.runtimes, (t.id, rt, v.message)
                    checked += 1
    assert checked > 100


def _names(text):
    """Quoted class names in the part of a message its template holds."""
    return sorted(set(re.findall(r"'([A-Z][A-Za-z0-9]+)'", normalise.summary(text))))


@pytest.mark.parametrize("m", [m for m in MESSAGES if _names(m.text)], ids=lambda m: f"{m.runtime}:{m.snippet}")
def test_a_readers_own_class_name_gives_the_same_template(m):
    """Put a made-up name where the message names a class: the template is the same, and
    the name is the placeholder's value."""
    mine = m.text
    for name in _names(m.text):
        mine = re.sub(rf"\b{name}\b", "MyResBlock2", mine)
    tpl, values = normalise.templatize(normalise.summary(mine))
    assert normalise.key(tpl) == normalise.key(normalise.templatize(normalise.summary(m.text))[0])
    assert any("MyResBlock2" in v for _, v in values)
    assert "MyResBlock2" not in tpl


def test_chained_messages_name_the_innermost_exception_as_the_cause():
    chained = [m for m in MESSAGES if "\nException encountered:" in m.text]
    assert chained
    for m in chained:
        innermost = [ln for ln in m.text.splitlines() if ln.startswith("Exception encountered:")][-1]
        (t,) = {t.id: t for t in matching(m.text)}.values()
        cause = normalise.templatize(normalise.strip_dumps(innermost.removeprefix("Exception encountered: ")))[0]
        assert normalise.key(t.cause) == normalise.key(cause), (t.id, t.cause, innermost)


def test_configuration_dumps_become_a_placeholder():
    dumped = [m for m in MESSAGES if "Full object config: {" in m.text or "config={" in m.text]
    assert dumped
    for m in dumped:
        (t,) = {t.id: t for t in matching(m.text)}.values()
        assert "'module'" not in t.template and "'class_name'" not in t.template, t.template
        in_summary = "\0config\0" in normalise.summary(m.text)
        assert in_summary == ("{config}" in t.template), t.template


def test_every_template_has_a_registered_id_and_no_registered_id_is_lost():
    new = [t.template for t in TEMPLATES if t.provisional and not t.unreleased]
    assert not new, f"register these with `python -m kb.site.messages --register`: {new}"
    given = [t.id for t in TEMPLATES]
    assert len(given) == len(set(given))
    now = {normalise.key(t.template) for t in TEMPLATES}
    lost = {i: tpl for i, tpl in ids.registry().items() if normalise.key(tpl) not in now}
    assert not lost, f"these ids lost their template (edit its template in data/message_ids.tsv): {lost}"


def test_registering_appends_the_next_ids_and_keeps_the_old_ones(tmp_path):
    path = tmp_path / "ids.tsv"
    old = TEMPLATES[:3]
    ids.register([catalogue.Template(t.template, t.exception, id="KB-x") for t in old], path)
    before = ids.registry(path)
    fresh = [catalogue.Template(t.template, t.exception) for t in TEMPLATES[:5]]
    ids.assign_ids(fresh, path)
    assert [t.provisional for t in fresh] == [False] * 3 + [True] * 2
    assert ids.register(fresh, path) == ["KB0004", "KB0005"]
    after = ids.registry(path)
    assert {k: after[k] for k in before} == before and len(after) == 5


def test_every_template_links_a_section_that_shows_it():
    shown = {(m.page, m.anchor) for m in MESSAGES}
    for t in TEMPLATES:
        assert (t.answer.page, t.answer.anchor) in shown, t.id


def test_messages_json_is_valid_against_its_schema_and_the_schema_can_fail(site):
    import json

    import jsonschema

    schema = json.loads(render.SCHEMA.read_text())
    data = json.loads((site / "messages.json").read_text())
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert {t["id"] for t in data["templates"]} == {t.id for t in TEMPLATES}
    broken = json.loads(json.dumps(data))
    del broken["templates"][0]["answer"]
    broken["templates"][1]["id"] = "E0001"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(broken))
    assert len(errors) == 2, [e.message for e in errors]


def test_messages_json_links_resolve_and_its_regexes_match_their_messages(site):
    import json

    from kb.tools import links

    data = json.loads((site / "messages.json").read_text())
    for t in data["templates"]:
        own = [t["url"]] if t["released"] else []  # not in a release yet: no id of its own yet
        for url in own + [t["answer"]["url"]] + [v["answer"]["url"] for v in t["values"]]:
            assert url and links.resolve(site, "/" + url), (t["id"], url)
    by_id = {t.id: t for t in TEMPLATES}
    for t in data["templates"]:
        example = by_id[t["id"]].example
        assert re.match(t["regex"], example) or re.match(t["regex"], normalise.summary(example)), t["id"]


def test_llms_txt_names_every_id_with_its_answer(site):
    text = (site / "llms.txt").read_text()
    assert text.startswith("# ") and "messages.json" in text
    for t in [t for t in TEMPLATES if not t.unreleased]:
        assert re.search(rf"\[{t.id}\]\((?:\S*/)?{re.escape(t.answer.url)}\)", text), t.id


def test_a_message_only_a_preview_prints_is_not_in_a_release_yet_until_a_release_prints_it(
        tmp_path, monkeypatch):
    """The mark is data: the same catalogue, built from results/ where a release's run recorded
    the wording too (as the release-day command writes it), loses it with no edit."""
    import json
    import shutil

    from kb.engine import results, runtimes

    (one,) = [t for t in TEMPLATES if t.unreleased]
    assert render.printed_by(one).startswith("not in a release yet: the next Keras prints it")
    assert one.previews and not one.runtimes and one.provisional
    (m,) = [m for m in exact.collect_previews() if normalise.key(normalise.templatize(
        normalise.summary(m.text))[0]) == normalise.key(one.template)]
    for f in results.DIR.glob("*.json"):
        shutil.copy(f, tmp_path / f.name)
    shipped = tmp_path / f"{runtimes.DEFAULT}.json"
    data = json.loads(shipped.read_text())
    data["snippets"][m.snippet] = {"outcome": "raises", "exception": m.exception, "golden": m.golden}
    shipped.write_text(json.dumps(data))
    monkeypatch.setattr(results, "DIR", tmp_path)
    shown = exact.included_goldens()  # once a release prints it, the page's tabs show its golden
    monkeypatch.setattr(exact, "included_goldens", lambda docs=None: {
        **shown, m.golden: (m.page, m.anchor, m.heading)})
    versions.scan.cache_clear()
    try:
        (now,) = [t for t in catalogue.build(page_order=config.nav_pages()) if t.template == one.template]
    finally:
        versions.scan.cache_clear()
    assert now.runtimes == [runtimes.DEFAULT] and not now.unreleased
    assert render.printed_by(now) == runtimes.ranges([runtimes.DEFAULT])


def test_the_answers_the_paste_box_shows_are_plain_text(site):
    """An answer's title, case and fix are shown as text: a page's marker, link syntax or code
    backticks would reach the reader raw (the box once said "seen on <!-- kb:seen-on -->")."""
    import json

    data = json.loads((site / "messages.json").read_text())
    answers = [t["answer"] for t in data["templates"]] + [v["answer"] for t in data["templates"]
                                                          for v in t["values"]]
    assert any("case" in a and "fix" in a for a in answers)
    for a in answers:
        for key in ("title", "page_title", "case", "fix"):
            assert not re.search(r"<!--|-->|`|\]\(", a.get(key, "")), (a["url"], key, a[key])
