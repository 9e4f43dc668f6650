"""The change feed: which answers' outputs changed from one release of the site to the next,
read from the git history of results/ and the goldens they name (never typed).

A release is a commit of the first-parent history that changed results/. Between two
releases, a (runtime, snippet) pair changed when the output its golden holds, or its outcome,
differs; a pair new in the later release, or gone from it, is not a change of an answer.
The site shows the releases with changes as a page (``<!-- kb:changes -->``) and as an Atom
feed (changes.xml, written by kb/site/hooks.py), each change linked to the section that shows it.

    python -m kb.site.tables.changes        the releases with changes, as text
"""
from __future__ import annotations

import html
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kb.engine import snippets
from kb.site.html import current

FEED = "changes.xml"


@dataclass
class Release:
    commit: str
    date: str  # ISO 8601, the commit's
    subject: str
    changed: list[dict] = field(default_factory=list)  # {runtime, snippet, golden, before, after, ...}


class _Git:
    """Reads blobs of one repository through a single `git cat-file --batch`."""

    def __init__(self, repo: Path):
        self.repo = repo
        self.proc = subprocess.Popen(["git", "-C", str(repo), "cat-file", "--batch"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def show(self, commit: str, path: str) -> bytes | None:
        self.proc.stdin.write(f"{commit}:{path}\n".encode())
        self.proc.stdin.flush()
        head = self.proc.stdout.readline().split()
        if len(head) < 3 or head[1] == b"missing":
            return None
        body = self.proc.stdout.read(int(head[2]) + 1)[:-1]
        return body

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def _log(repo: Path) -> list[tuple[str, str, str]]:
    out = subprocess.run(["git", "-C", str(repo), "log", "--first-parent", "--reverse",
                          "--format=%H%x09%cI%x09%s", "--", "results/"],
                         capture_output=True, text=True, check=True).stdout
    return [tuple(line.split("\t", 2)) for line in out.splitlines() if line]


def _state(git: _Git, commit: str, repo: Path) -> dict[tuple[str, str], dict]:
    """(runtime, snippet) -> {outcome, golden, output, versions} at a commit."""
    from kb.engine import runtimes

    names = subprocess.run(["git", "-C", str(repo), "ls-tree", "--name-only", commit, "results/"],
                           capture_output=True, text=True, check=True).stdout.split()
    state = {}
    for name in names:
        if not name.endswith(".json") or runtimes.is_preview(Path(name).stem):
            continue  # a preview is not a release (kb/site/tables/preview.py shows it)
        data = json.loads(git.show(commit, name))
        for rel, ran in data["snippets"].items():
            output = git.show(commit, ran["golden"])
            state[(data["runtime"], rel)] = {
                "outcome": ran["outcome"], "exception": ran.get("exception"),
                "golden": ran["golden"], "output": None if output is None else output.decode(),
                "versions": data.get("versions", {})}
    return state


def releases(repo: Path = snippets.ROOT) -> list[Release]:
    """Every release after the first, newest first, each with the pairs whose output changed."""
    git = _Git(repo)
    try:
        out, before = [], None
        for commit, date, subject in _log(repo):
            now = _state(git, commit, repo)
            if before is not None:
                rel = Release(commit, date, subject)
                for key in sorted(now.keys() & before.keys()):
                    a, b = before[key], now[key]
                    if (a["output"], a["outcome"]) != (b["output"], b["outcome"]):
                        rel.changed.append({
                            "runtime": key[0], "snippet": key[1], "golden": b["golden"],
                            "outcome": (a["outcome"], b["outcome"]),
                            "versions": {k: (a["versions"].get(k), v) for k, v in b["versions"].items()
                                         if a["versions"].get(k) != v}})
                out.append(rel)
            before = now
    finally:
        git.close()
    return [r for r in reversed(out) if r.changed]


def _sections(where: dict) -> dict[str, tuple[str, str, str]]:
    """snippet path -> (page, anchor, heading) of the first section that shows one of its
    outputs (where: golden -> (page, anchor, heading), kb.site.messages.exact.included_goldens)."""
    found = {}
    for golden, hit in sorted(where.items()):
        stem = golden.rsplit("/", 1)
        snippet = f"{stem[0]}/{stem[1].split('.')[0]}.py"
        found.setdefault(snippet, hit)
    return found


def answers(rel: Release, where: dict) -> dict[tuple[str, str, str], list[dict]]:
    """A release's changes grouped by the section that shows them ((page, anchor, heading);
    ("", "", "") for outputs no page shows)."""
    sections = _sections(where)
    grouped: dict = {}
    for c in rel.changed:  # a commit before a topic's rename names it by its old name
        grouped.setdefault(sections.get(current(c["snippet"]), ("", "", "")), []).append(c)
    return grouped


def _what(c: dict) -> str:
    a, b = c["outcome"]
    if a != b:
        return f"{a} → {b}"
    return "output changed"


def page(where: dict, from_page: str, rels: list[Release], repo: Path = snippets.ROOT) -> str:
    """The changelog page's Markdown: per release with changes, per answer, what changed."""
    from kb.engine import runtimes

    up = "../" * from_page.count("/")
    out = []
    for rel in rels:
        # a paragraph, not a heading: a release's anchor is not one of the published
        # headings (tests/published_urls.txt), it only serves the feed's links
        out += [f"**{rel.date[:10]}, {rel.commit[:7]}:** *{html.escape(rel.subject[:160])}*",
                f"{{: #release-{rel.commit[:12]} .kb-release }}", ""]
        for (pg, anchor, heading), changes in answers(rel, where).items():
            title = f"[{html.escape(heading or pg)}]({up}{pg}#{anchor})" if pg else "Outputs no page shows"
            rts = runtimes.ranges([c["runtime"] for c in changes if c["runtime"] in runtimes.RELEASES])
            out.append(f"- {title}: {len(changes)} output{'s' * (len(changes) != 1)} on {rts}")
            by: dict[tuple, list[str]] = {}  # the same golden and change: one line
            for c in changes:
                ver = "; ".join(f"{k} {v[0]} → {v[1]}" for k, v in c["versions"].items())
                by.setdefault((c["golden"], _what(c), ver), []).append(c["runtime"])
            for (golden, what, ver), rts_ in by.items():
                name = f"`{Path(golden).name}`"
                if (repo / golden).exists():  # an output the site publishes today
                    name = f"[{name}]({up}{golden})"
                known = [r for r in rts_ if r in runtimes.RELEASES]
                out.append(f"    - {name} ({runtimes.ranges(known) if known else ', '.join(rts_)}): "
                           f"{what}" + (f"; {ver}" if ver else ""))
        out.append("")
    return "\n".join(out) if out else "No answer's output has changed between releases yet.\n"


def atom(where: dict, site_url: str, rels: list[Release], page_uri: str = "changes/",
         upcoming: dict | None = None) -> str:
    """The Atom feed: an entry per release with changes, its content the answers it changed;
    first, with ``upcoming`` (kb.site.tables.preview.feed_entry), the answers whose examples
    print something else in the next Keras."""
    esc = lambda t: html.escape(t, quote=True)  # noqa: E731
    updated = max([r.date for r in rels[:1]] + ([upcoming["date"]] if upcoming else [])) \
        if rels or upcoming else "1970-01-01T00:00:00+00:00"
    entries = []
    if upcoming:
        sections = _sections(where)
        shown = {sections[f"snippets/{k}.py"] for k in upcoming["items"] if f"snippets/{k}.py" in sections}
        items = "".join(f"<li><a href=\"{esc(site_url + pg.removesuffix('.md') + '/#' + anchor)}\">"
                        f"{esc(heading or pg)}</a></li>" for pg, anchor, heading in sorted(shown))
        entries.append(
            f"  <entry>\n    <id>{esc(upcoming['id'])}</id>\n    <title>{esc(upcoming['title'])}</title>\n"
            f"    <updated>{upcoming['date']}</updated>\n    <link href=\"{esc(upcoming['id'])}\"/>\n"
            f"    <summary>{esc(str(len(upcoming['items'])) + ' examples print something else in the next Keras (not released yet)')}</summary>\n"
            f"    <content type=\"html\">{esc('<ul>' + items + '</ul>')}</content>\n  </entry>\n")
    for rel in rels:
        items = "".join(
            f"<li><a href=\"{esc(site_url + pg.removesuffix('.md') + '/#' + anchor)}\">{esc(heading or pg)}</a>: "
            f"{len(ch)} output{'s' * (len(ch) != 1)} changed</li>" if pg else
            f"<li>{len(ch)} output{'s' * (len(ch) != 1)} no page shows</li>"
            for (pg, anchor, heading), ch in answers(rel, where).items())
        link = f"{site_url}{page_uri}#release-{rel.commit[:12]}"
        entries.append(
            f"  <entry>\n    <id>{esc(link)}</id>\n    <title>{esc(rel.date[:10] + ': answers changed')}</title>\n"
            f"    <updated>{rel.date}</updated>\n    <link href=\"{esc(link)}\"/>\n"
            f"    <summary>{esc(rel.subject[:300])}</summary>\n"
            f"    <content type=\"html\">{esc('<ul>' + items + '</ul>')}</content>\n  </entry>\n")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"  <id>{esc(site_url + FEED)}</id>\n  <title>Answers whose outputs changed</title>\n"
            f"  <updated>{updated}</updated>\n  <link rel=\"self\" href=\"{esc(site_url + FEED)}\"/>\n"
            f"  <link href=\"{esc(site_url + page_uri)}\"/>\n  <author><name>the test suite</name></author>\n"
            + "".join(entries) + "</feed>\n")


def main() -> int:
    from kb.site.messages import exact

    where = exact.included_goldens()
    for rel in releases():
        print(f"{rel.date[:10]} {rel.commit[:7]} {rel.subject[:70]}")
        for (pg, anchor, _), ch in answers(rel, where).items():
            print(f"    {pg or '(not shown)'}#{anchor}: {len(ch)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
