"""Page source transformations shared by the site build (kb/hooks.py) and the tests.

``expand_outputs``: a fenced block that includes one golden (``X.<runtime>.out``) of a
snippet that runs on several runtimes becomes a set of content tabs, one per runtime,
each including that runtime's golden. Tab labels are the runtimes' ``tab`` names, so
with ``content.tabs.link`` choosing "Keras 2.15" once selects it on every page.
"""
from __future__ import annotations

import re
from pathlib import Path

from kb import runner, runtimes

_OUT_FENCE_RE = re.compile(
    r'^(?P<indent>[ ]*)(?P<fence>`{3,})(?P<info>[^\n]*)\n'
    r'(?P=indent)--8<-- "(?P<path>snippets/[^"]+?)\.(?P<rt>[\w.-]+)\.out"\n'
    r'(?P=indent)(?P=fence)[ ]*$', re.M)


def _runtimes_of(path: str) -> list[str]:
    snippet = runner.ROOT / f"{path}.py"
    if not snippet.exists():
        return []
    return runner.parse(snippet).runtimes


def expand_outputs(markdown: str) -> str:
    def tabs(m: re.Match) -> str:
        rts = [r for r in _runtimes_of(m["path"]) if (runner.ROOT / f"{m['path']}.{r}.out").exists()]
        if len(rts) < 2:
            return m.group(0)
        ind = m["indent"]
        out = []
        for rt in rts:
            out += [f'{ind}=== "{runtimes.get(rt).tab}"', "",
                    f"{ind}    {m['fence']}{m['info']}",
                    f'{ind}    --8<-- "{m["path"]}.{rt}.out"',
                    f"{ind}    {m['fence']}", ""]
        return "\n".join(out).rstrip("\n")

    return _OUT_FENCE_RE.sub(tabs, markdown)


def expanded_page(path: Path) -> str:
    return expand_outputs(path.read_text(encoding="utf-8"))
