"""Benchmark: snippet suite (forked and --fresh), per-snippet times, import cost, site build.

    python -m kb.bench [--runtime keras3] [--no-fresh]

A script, not a timed test: numbers depend on the machine. Targets on the 2-core dev
machine, warm install: default suite <= 1/4 of the --fresh wall time and < 60 s;
`mkdocs build` < 2 s.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kb import runner, runtimes


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runtime", default=runtimes.DEFAULT)
    ap.add_argument("--no-fresh", action="store_true", help="skip the slow --fresh run")
    args = ap.parse_args(argv)
    rt = runtimes.get(args.runtime)
    snippets = [s for s in runner.discover() if args.runtime in s.runtimes]
    print(f"runtime {rt.name}: {rt.label}; {len(snippets)} snippets; {os.cpu_count()} cores")

    code = "import time; t = time.perf_counter(); import keras; print(time.perf_counter() - t)"
    out = subprocess.run([str(rt.interpreter), "-c", code], env=rt.environ(),
                         capture_output=True, text=True, check=True).stdout
    print(f"import keras (new interpreter): {float(out.split()[-1]):.2f} s")

    scratch = tempfile.TemporaryDirectory(prefix="kb-bench-")  # removed at the end
    wall, results = timed(lambda: runner.run_all(snippets, rt.name,
                                                 workdir=Path(scratch.name) / "forked"))
    bad = [r.snippet.rel for r in results.values() if runner.expectation_errors(r)]
    print(f"suite, forked from a preloaded parent: {wall:.1f} s wall" + (f" (FAILED: {bad})" if bad else ""))
    print("per snippet (slowest first; wall time from start to report, in parallel):")
    for r in sorted(results.values(), key=lambda r: -r.seconds):
        print(f"  {r.seconds:6.2f} s  {r.snippet.key}")

    if not args.no_fresh:
        fresh_wall, _ = timed(lambda: runner.run_all(snippets, rt.name, fresh=True,
                                                     workdir=Path(scratch.name) / "fresh"))
        print(f"suite, --fresh (new interpreter per snippet): {fresh_wall:.1f} s wall; "
              f"forked/fresh = {wall / fresh_wall:.2f}")

    with tempfile.TemporaryDirectory() as out_dir:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
        build_wall, proc = timed(lambda: subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", out_dir],
            cwd=runner.ROOT, capture_output=True, text=True, env=env))
        if proc.returncode != 0:  # a failed build is fast: never report it as a time
            last = proc.stderr.strip().splitlines()[-1:] or ["(no output)"]
            raise SystemExit(f"mkdocs build --strict FAILED after {build_wall:.2f} s: {last[0]}")
        inner = re.search(r"built in ([\d.]+) seconds", proc.stderr)
        print(f"mkdocs build --strict: {build_wall:.2f} s wall "
              f"({inner.group(1) if inner else '?'} s reported by MkDocs)")


if __name__ == "__main__":
    main()
