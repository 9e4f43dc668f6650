"""Coming in the next Keras: what a preview (a registry family with ``preview = true``: a
nightly build of the next release, kept out of the releases) prints differently from the newest
release of its base family, read from the preview's recorded run (results/<preview>.json, written
by ``make preview``) and the goldens it names. Never typed; without that file the page says
that no run of the preview is recorded, and the site builds as before.

``<!-- kb:next -->`` every snippet whose output differs, both outputs side by side;
``<!-- kb:next SNIPPET-KEY -->`` one snippet's (e.g. a security canary: "fixed in the next
release"); ``<!-- kb:next-summary -->`` one line for the start page and the change feed.
"""
from __future__ import annotations

from dataclasses import dataclass

from kb.engine import goldens, results, runtimes, snippets

PAGE = "next.md"


@dataclass(frozen=True)
class Difference:
    snippet: snippets.Snippet
    release: runtimes.Runtime  # the newest release of the preview's base family it runs on
    preview: runtimes.Runtime
    before: tuple[str, str, str | None]  # (outcome, output, exception) on the release
    after: tuple[str, str, str | None]  # the same on the preview


def recorded() -> list[runtimes.Runtime]:
    """The previews whose run is recorded in results/."""
    return [rt for rt in runtimes.PREVIEWS.values() if results.path(rt.name).exists()]


def differences() -> list[Difference]:
    """Every (preview, snippet) whose recorded output or outcome differs from the release's."""
    known = snippets.by_key()
    out = []
    for rt in recorded():
        for rel, ran in sorted(results.load(rt.name)["snippets"].items()):
            s = known.get(rel.removeprefix("snippets/").removesuffix(".py"))
            base = s and goldens.preview_base(s, rt)
            if not base:
                continue
            mine = results.load(base)["snippets"].get(rel)
            if not mine:
                continue
            before = (mine["outcome"], (snippets.ROOT / mine["golden"]).read_text(encoding="utf-8"),
                      mine["exception"])
            after = (ran["outcome"], (snippets.ROOT / ran["golden"]).read_text(encoding="utf-8"),
                     ran["exception"])
            if before != after:
                out.append(Difference(s, runtimes.get(base), rt, before, after))
    return out


def name(rt: runtimes.Runtime) -> str:
    """How the pages name a preview: never as a release."""
    return f"the {rt.family.package} build {rt.version} (TensorFlow {rt.tensorflow})"


def _block(text: str) -> list[str]:
    fence = "````" if "```" in text else "```"
    return [f"    {fence}text", *(f"    {ln}" for ln in text.rstrip("\n").splitlines()), f"    {fence}"]


def _item(d: Difference, where: dict, up: str, heading: str) -> list[str]:
    section = where.get(snippets.relpath(goldens.lookup(d.snippet, d.release.name)))
    link = (f" (shown in [{section[2] or section[0]}]({up}{section[0]}"
            + (f"#{section[1]})" if section[1] else ")") + ")") if section else ""
    outcome = "" if d.before[0] == d.after[0] else f" It {'raised' if d.before[0] == 'raises' else 'ran'} " \
        f"on {d.release.tab}; on the nightly it {'raises' if d.after[0] == 'raises' else 'runs'}."
    return [heading + f"`{d.snippet.rel}`{link}.{outcome}", "",
            f'=== "{d.release.tab}"', "", *_block(d.before[1]), "",
            f'=== "Next: {d.preview.family.package} {d.preview.version}"', "", *_block(d.after[1]), ""]


def section(where: dict, from_page: str, key: str = "") -> str:
    """The marker's Markdown: every difference (or one snippet's), both outputs."""
    up = "../" * from_page.count("/")
    ran = recorded()
    if not ran:
        names = ", ".join(f"results/{rt.name}.json" for rt in runtimes.PREVIEWS.values())
        return (f"No run of the next Keras is recorded here ({names or 'no preview in the registry'} "
                f"missing): `make preview` runs it.\n")
    found = differences()
    if key:
        if key not in snippets.by_key():
            raise KeyError(f"no snippet {key!r}")
        mine = [d for d in found if d.snippet.key == key]
        if not mine:
            return "".join(f"On {name(rt)}, the next Keras prints the same.\n" for rt in ran)
        return "\n".join(line for d in mine for line in [
            f"**In the next Keras**: on {name(d.preview)}, a nightly build and not a release yet, "
            f"the same file prints:", "", '```text title="Output on the nightly"',
            *d.after[1].rstrip("\n").splitlines(), "```", ""])
    out = []
    for rt in ran:
        total = len(results.load(rt.name)["snippets"])
        mine = [d for d in found if d.preview is rt]
        out += [f"{len(mine)} of the {total} examples run on {name(rt)} print something else "
                f"than on the newest release. Each is below, the release's output beside the "
                f"nightly's.", ""]
        for d in mine:  # paragraphs, not headings: what the nightly changes is no published anchor
            out += _item(d, where, up, f"**{d.snippet.key}**: ")
    return "\n".join(out)


def _ending(d: Difference, side: int) -> str:
    """How a run ended: "runs", or the exception it raised."""
    outcome, _, exception = (d.before, d.after)[side]
    return "runs" if outcome == "ok" else f"raises {exception}"


def summary(from_page: str, where: dict | None = None) -> str:
    """What changes for a reader in the next Keras: how many examples print something else,
    and the answers whose example ends differently (runs, or raises another exception)."""
    ran = recorded()
    if not ran:
        return ""
    up = "../" * from_page.count("/")
    found = differences()
    parts = [f"{len([d for d in found if d.preview is rt])} examples print something else on "
             f"{name(rt)}" for rt in ran]
    out = [f"**Coming in the next Keras** (not released yet): {'; '.join(parts)}. "
           f"See [Coming in the next Keras]({up}{PAGE}).", ""]
    for d in found:
        if _ending(d, 0) != _ending(d, 1):
            section = (where or {}).get(snippets.relpath(goldens.lookup(d.snippet, d.release.name)))
            label = (f"[{section[2] or section[0]}]({up}{section[0]}" + (f"#{section[1]})" if section[1] else ")")
                     if section else f"`{d.snippet.key}`")
            out.append(f"- {label}: {_ending(d, 0)} on {d.release.tab}, {_ending(d, 1)} on the nightly")
    return "\n".join(out) + "\n"


def feed_entry(site_url: str) -> dict | None:
    """The change feed's entry for the next Keras: its date is the last commit of the
    preview's results (the git history), its items the sections whose examples change."""
    import subprocess

    ran = recorded()
    if not ran:
        return None
    date = subprocess.run(["git", "-C", str(snippets.ROOT), "log", "-1", "--format=%cI", "--",
                           *(f"results/{rt.name}.json" for rt in ran)],
                          capture_output=True, text=True).stdout.strip() or "1970-01-01T00:00:00+00:00"
    return {"id": f"{site_url}{PAGE.removesuffix('.md')}/", "date": date,
            "title": "Coming in the next Keras: " + ", ".join(rt.version for rt in ran),
            "items": [d.snippet.key for d in differences()]}


def main() -> int:  # python -m kb.site.tables.preview: the differences, as text
    for d in differences():
        print(f"{d.preview.name} {d.snippet.rel}: {d.before[0]} -> {d.after[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
