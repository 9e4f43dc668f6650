"""What each release does with each case of the version scan (snippets/your-version/), read from
results/ and the goldens they name: the "your version" page, the writer x loader grid, and
version ranges for prose (never typed).

A scan snippet prints one verdict line per case, ``<case>: <verdict>`` (snippets/your-version/
scan.py): ``loads; predictions equal``, ``refuses: <message>``, ``fails: <message>`` or
``n/a (...)``. A case may start with the writer's runtime name (``keras2-2.13.1 plain.h5``).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from kb.site.messages import exact
from kb.engine import results, runtimes, snippets

TOPIC = "your-version"
LINE_RE = re.compile(r"^(?P<case>[^:]+?): (?P<verdict>loads.*|refuses: .*|fails: .*|n/a.*)$")


@dataclass(frozen=True)
class Verdict:
    word: str  # loads | refuses | fails | n/a
    text: str  # the whole verdict

    @property
    def message(self) -> str:
        return self.text.split(": ", 1)[1] if self.word in ("refuses", "fails") else ""


def verdict(text: str) -> Verdict:
    return Verdict(text.split(":")[0].split(";")[0].split(" ")[0], text)


@functools.lru_cache(maxsize=1)
def scan() -> dict[str, dict[str, dict[str, Verdict]]]:
    """snippet key -> case -> runtime -> Verdict, for every scan snippet's recorded runs
    (read once per build: kb/site/hooks.py clears it)."""
    return _scan(results.load_all())


def scan_previews() -> dict[str, dict[str, dict[str, Verdict]]]:
    """The same for the previews' recorded runs (the message catalogue's "not in a release yet")."""
    return _scan({rt: results.load(rt) for rt in runtimes.PREVIEWS if results.path(rt).exists()})


def _scan(recorded: dict) -> dict[str, dict[str, dict[str, Verdict]]]:
    found: dict = {}
    for rt, data in recorded.items():
        for rel, ran in data["snippets"].items():
            if not rel.startswith(f"snippets/{TOPIC}/") or ran["outcome"] != "ok":
                continue
            key = rel.removeprefix("snippets/").removesuffix(".py")
            text = (snippets.ROOT / ran["golden"]).read_text(encoding="utf-8")
            for line in text.splitlines():
                m = LINE_RE.match(line)
                if m:
                    found.setdefault(key, {}).setdefault(m["case"], {})[rt] = verdict(m["verdict"])
    return found


def releases(key: str, case: str, word: str, family: str | None = None) -> str:
    """The releases where a case's verdict starts with ``word``, as ranges (for prose)."""
    per = scan().get(key, {}).get(case)
    if not per:
        raise KeyError(f"no recorded verdicts for {key!r} case {case!r}")
    hits = [rt for rt, v in per.items() if v.word == word
            and (family is None or runtimes.get(rt).family.name == family)]
    if not hits:
        raise KeyError(f"{key!r} case {case!r}: no release {word} (family {family})")
    return runtimes.ranges(hits)


def writers(key: str, case: str, text: str) -> str:
    """The writers (a case prefixed by the writer's runtime) whose file gives, on at least one
    loader, a verdict containing ``text``, as ranges (for prose)."""
    found = [w for c, per in scan().get(key, {}).items()
             for w, _, rest in [c.partition(" ")] if rest == case and w in runtimes.RELEASES
             and any(text in v.text for v in per.values())]
    if not found:
        raise KeyError(f"{key!r} case {case!r}: no writer's file gives {text!r}")
    return runtimes.ranges(found)


def grouped(per_runtime: dict[str, Verdict]) -> list[tuple[str, Verdict]]:
    """[(ranges, verdict)] for each distinct verdict, in registry order of first release."""
    by: dict[str, list[str]] = {}
    order = list(runtimes.RELEASES)
    for rt in sorted(per_runtime, key=order.index):
        by.setdefault(per_runtime[rt].text, []).append(rt)
    return [(runtimes.ranges(rts), verdict(text)) for text, rts in by.items()]


ICON = {"loads": "✓ loads", "refuses": "⊘ refuses", "fails": "✗ fails", "n/a": "– n/a"}


def _result(v: Verdict, answer) -> str:
    msg = f"<br><code>{exact.cell(v.message)}</code>" if v.message else ""
    link = answer(v.message) if v.message and answer else None
    return ICON.get(v.word, v.word) + msg + (f" [the answer]({link})" if link else "")


def tables(titles: dict[str, str], answer=None) -> str:
    """The static tables (the page with JavaScript off): per scan snippet, per case, each
    distinct verdict with the releases that give it, linked to its answer."""
    data = scan()
    out = []
    for key in titles:
        cases = data.get(key)
        if not cases:
            raise KeyError(f"no recorded results for {key!r} (run the suite with --update-goldens)")
        out += [f"Results of [{key.split('/')[1]}.py](#code-{key.split('/')[1][:3]}):", "",
                "| Case | Releases | Result |", "|---|---|---|"]
        for case, per in cases.items():
            for i, (where, v) in enumerate(grouped(per)):
                shown = exact.cell(case) if i == 0 else ""
                out.append(f"| {shown} | {exact.cell(where)} | {_result(v, answer)} |")
        out.append("")
    return "\n".join(out)


def grid(key: str, answer=None) -> str:
    """Writer x loader: for each case of a snippet whose cases start with the writer's
    runtime, the loaders that load it and those that do not, per writer."""
    cases = scan().get(key, {})
    by_case: dict[str, dict[str, dict[str, Verdict]]] = {}
    for case, per in cases.items():
        writer, _, rest = case.partition(" ")
        if writer in runtimes.RELEASES:
            by_case.setdefault(rest, {})[writer] = per
    out = []
    for case, writers in by_case.items():
        out += [f"**{exact.cell(case)}**", "", "| Written by | Loaded by | Verdict |", "|---|---|---|"]
        for writer in sorted(writers, key=list(runtimes.RELEASES).index):
            for i, (where, v) in enumerate(grouped(writers[writer])):
                out.append(f"| {runtimes.get(writer).tab if i == 0 else ''} | {exact.cell(where)} "
                           f"| {_result(v, answer)} |")
        out.append("")
    return "\n".join(out)


def picker(titles: dict[str, tuple[str, str]], script: str, answer,
           advisories: list[dict], advisories_url: str) -> str:
    """The picker's HTML: two selects (their options written here, newest release first in
    each family), the results as embedded JSON, and its script. Nothing shows until the
    reader picks a release: the page does not move under them while it loads."""
    import html

    families: dict[str, list[runtimes.Runtime]] = {}
    for rt in runtimes.RELEASES.values():
        families.setdefault(rt.family.name, []).append(rt)
    releases = "".join(
        f'<optgroup label="{html.escape(name)}">' + "".join(
            f'<option value="{rt.name}">{html.escape(rt.label)}</option>' for rt in reversed(rts))
        + "</optgroup>" for name, rts in families.items())
    data = scan()
    writers = [rt for rt in runtimes.RELEASES if any(
        case.split(" ")[0] == rt for key in titles for case in data.get(key, {}))]
    return (
        '<div class="kb-picker" markdown="0">\n'
        '<label for="kb-pick">The release you run</label> <select id="kb-pick">'
        f'<option value="">pick it</option>{releases}</select>\n'
        '<label for="kb-writer">The file</label> <select id="kb-writer">'
        '<option value="">any writer</option>'
        + "".join(f'<option value="{w}">written by {w}</option>' for w in writers) + '</select>\n'
        '<div id="kb-picked" aria-live="polite"></div>\n'
        f'<script type="application/json" id="kb-versions">'
        f'{picker_data(titles, answer, advisories, advisories_url)}</script>\n'
        f'<script src="{script}" defer></script>\n</div>\n')


def picker_data(titles: dict[str, tuple[str, str]], answer,
                advisories: list[dict] = (), advisories_url: str = "") -> str:
    """The JSON the page's picker reads: releases, per case each release's verdict, and the
    advisories (advisories.for_picker(): the caller passes them, as advisories reads this
    module's scan)."""
    data = scan()
    rts = [{"name": rt.name, "label": rt.label, "family": rt.family.name, "version": rt.version}
           for rt in runtimes.RELEASES.values()]
    verdicts = sorted({v.text for per_case in data.values() for per in per_case.values()
                       for v in per.values()})
    index = {t: i for i, t in enumerate(verdicts)}
    scans = [{"key": key, "title": title, "anchor": anchor,
              "cases": {case: {rt: index[v.text] for rt, v in per.items()}
                        for case, per in data.get(key, {}).items()}}
             for key, (title, anchor) in titles.items()]
    links = [answer(verdict(v).message) if verdict(v).message else None
             for v in verdicts]
    text = json.dumps({"runtimes": rts, "verdicts": verdicts, "answers": links, "scans": scans,
                       "advisories": list(advisories), "advisories_url": advisories_url},
                      separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/")  # never closes its <script> element
