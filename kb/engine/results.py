"""Results as data: what each run saw, per runtime, in ``results/<runtime>.json``.

Written by ``pytest --update-goldens`` (from the pairs that ran; the others keep their
entries) and checked by every run (tests/test_snippets.py): for each snippet, its outcome,
exception and the golden that holds its output, and the package versions the runtime
resolved. The site's generators read these files, never a run; a CI job per runtime family
can produce its own files and a last job checks them together.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from kb.engine import goldens, runtimes, snippets

DIR = Path(os.environ.get("KB_RESULTS") or runtimes.ROOT / "results")  # elsewhere: tests only


def path(runtime: str) -> Path:
    return DIR / f"{runtime}.json"


def load(runtime: str) -> dict:
    p = path(runtime)
    if not p.exists():
        return {"runtime": runtime, "versions": {}, "snippets": {}}
    return json.loads(p.read_text(encoding="utf-8"))


def load_all() -> dict[str, dict]:
    """release -> its results, for every release in the registry that has a file (never a
    preview: load() reads one by name)."""
    return {rt: load(rt) for rt in runtimes.RELEASES if path(rt).exists()}


def entry(res) -> dict:
    s = res.snippet
    return {"outcome": res.outcome, "exception": res.exception,
            "golden": snippets.relpath(goldens.lookup(s, res.runtime))}


def write(sched, folder: Path | None = None) -> list[Path]:
    """Merge the pairs of this run that met their expectation into results/ (or write only
    them into ``folder``: what one CI job saw, checked later with ``check``)."""
    from kb.engine.scheduler import expectation_errors

    by_rt: dict[str, list] = {}
    for (rt, _), res in sched.results.items():
        if not expectation_errors(res):
            by_rt.setdefault(rt, []).append(res)
    known = {s.rel: s for s in snippets.discover()}
    written = []
    for rt, done in by_rt.items():
        data = load(rt) if folder is None else {"runtime": rt, "versions": {}, "snippets": {}}
        entries = {k: v for k, v in data["snippets"].items()
                   if k in known and rt in known[k].runtimes}
        for res in done:
            if res.snippet.rel in known:  # not a test's own temporary snippet
                entries[res.snippet.rel] = entry(res)
                data["versions"] = res.versions
                # printed by `import keras` (the preload) before any snippet's output; only
                # where it printed something
                data.pop("import_output", None)
                if res.import_output:
                    data["import_output"] = res.import_output
        data["snippets"] = dict(sorted(entries.items()))
        data["label"] = runtimes.get(rt).label
        out = path(rt) if folder is None else Path(folder) / f"{rt}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        written.append(out)
    return written


def check(folders: list[Path]) -> list[str]:
    """Compare what CI jobs saw (their folders of <runtime>.json) with the committed
    results/: every runtime present, every recorded pair seen the same way."""
    seen: dict[str, dict] = {}
    for folder in folders:
        for f in sorted(Path(folder).glob("*.json")):
            got = json.loads(f.read_text(encoding="utf-8"))
            mine = seen.setdefault(got["runtime"], {"versions": got["versions"], "snippets": {},
                                                    "import_output": got.get("import_output", "")})
            mine["snippets"].update(got["snippets"])
    problems = [f"{rt}: no job produced results" for rt in runtimes.RELEASES if rt not in seen]
    for rt, got in seen.items():
        want = load(rt)
        if got["versions"] != want["versions"]:
            problems.append(f"{rt}: versions {got['versions']} != committed {want['versions']}")
        if got.get("import_output", "") != want.get("import_output", ""):
            problems.append(f"{rt}: import output {got.get('import_output')!r} != committed "
                            f"{want.get('import_output')!r}")
        for rel, entry in want["snippets"].items():
            if got["snippets"].get(rel) != entry:
                problems.append(f"{rt} {rel}: saw {got['snippets'].get(rel)}, committed {entry}")
    return problems


def main(argv=None) -> int:
    """python -m kb.engine.results check FOLDER...: the last CI job, over every family's results."""
    import sys

    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2 or argv[0] != "check":
        print(main.__doc__, file=sys.stderr)
        return 2
    problems = check([Path(a) for a in argv[1:]])
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in the results of {len(runtimes.RELEASES)} runtimes")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
