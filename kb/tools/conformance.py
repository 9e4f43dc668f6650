"""keras-doctor's conformance corpus (doctor/conformance/), made by the snippets of
snippets/conformance/ on their runtimes.

    python -m kb.tools.conformance          # rebuild the corpus from the snippets' runs
    python -m kb.tools.conformance --reports  # only rewrite expected.json (the doctor changed)

Each snippet saves small model files, one case per folder, and prints the doctor's JSON
report on each (its golden). This copies every case folder a run made into
doctor/conformance/<case>/ with made_by.json (snippet, runtime, Keras and Python versions)
and expected.json (the report the doctor gives on the committed file). The tests check that
the doctor still gives it, that it is the report the snippet's golden shows, and that the
wheel gives it too.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kb.engine import runtimes, snippets

ROOT = runtimes.ROOT
CORPUS = ROOT / "doctor" / "conformance"
MAKERS = ROOT / "snippets" / "conformance"


def makers() -> list[snippets.Snippet]:
    return [snippets.parse(p) for p in sorted(MAKERS.glob("[0-9]*.py"))]


def expected(case_dir: Path, path: str) -> dict:
    """The report of the doctor in doctor/ (uninstalled) on a case's file, from its folder."""
    proc = subprocess.run([sys.executable, "-m", "keras_doctor", path, "--json"], cwd=case_dir,
                          capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(ROOT / "doctor"), "PATH": "/usr/bin:/bin"})
    if proc.returncode:
        raise SystemExit(f"{case_dir.name}: {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def golden_reports(text: str) -> dict[str, dict]:
    """case -> report, from a maker's output: "== case NAME", then its JSON, from a line "{"
    to a line "}" (what the runtime logged meanwhile, such as Keras's warnings, left out)."""
    out, name, lines = {}, None, None
    for line in text.splitlines():
        if line.startswith("== case "):
            name = line[len("== case "):].strip()
        elif name and line == "{":
            lines = [line]
        elif lines is not None:
            lines.append(line)
            if line == "}":
                out[name], name, lines = json.loads("\n".join(lines)), None, None
    return out


def make(snippet: snippets.Snippet) -> list[str]:
    # the newest release it runs on (a preview is no release)
    rt = runtimes.get([n for n in snippet.runtimes if not runtimes.is_preview(n)][-1])
    with tempfile.TemporaryDirectory(prefix="kb-conformance-") as tmp:
        for helper in MAKERS.glob("*.py"):
            shutil.copy(helper, tmp)
        proc = subprocess.run([str(rt.interpreter), snippet.path.name], cwd=tmp, env=rt.environ(),
                              capture_output=True, text=True, timeout=900)
        if proc.returncode:
            raise SystemExit(f"{snippet.rel} on {rt.name}:\n{proc.stderr[-3000:]}")
        versions = subprocess.run(
            [str(rt.interpreter), "-c", "import sys, keras; print(keras.__version__, "
             "'%d.%d.%d' % sys.version_info[:3])"], env=rt.environ(), capture_output=True,
            text=True).stdout.split()
        made = []
        for case_file in sorted(Path(tmp).glob("*/case.json")):
            src, name = case_file.parent, case_file.parent.name
            dest = CORPUS / name
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("case.json"))
            path = json.loads(case_file.read_text())["path"]
            (dest / "made_by.json").write_text(json.dumps({
                "snippet": snippet.rel, "runtime": rt.name, "keras": versions[0],
                "python": versions[1], "path": path}, indent=2) + "\n")
            (dest / "expected.json").write_text(json.dumps(expected(dest, path), indent=2) + "\n")
            made.append(name)
    return made


def main(argv: list[str]) -> int:
    if argv == ["--reports"]:
        for case in sorted(p.parent for p in CORPUS.glob("*/made_by.json")):
            path = json.loads((case / "made_by.json").read_text())["path"]
            (case / "expected.json").write_text(json.dumps(expected(case, path), indent=2) + "\n")
            print(case.name)
        return 0
    for s in makers():
        if argv and s.path.stem not in argv:
            continue
        print(f"{s.rel}: {', '.join(make(s))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
