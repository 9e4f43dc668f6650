"""Benchmark: the scheduler over every (runtime, snippet) pair, one selected snippet, the
--fresh audit, the site build, and how real pasted messages (data/corpus) find their answer
in the built site: the matcher's and the search's hit@1 / hit@3 / dead ends per split.

    python -m kb.tools.bench [--runtime SELECTOR ...] [--fresh] [--no-one] [--no-search]

A script, not a timed test: numbers depend on the machine. Per runtime it prints the
zygote start-up, the snippet count, the sum of the snippets' own times and the wall time
from the first start to the last report; then the run's wall time against the unique work
(every pair once plus every zygote start once) divided by the cores.
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

from kb.engine import runtimes, scheduler, snippets
from kb.tools import corpus_eval


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def suite(names: list[str], workdir: Path, fresh: bool = False):
    pairs = [(rt, s) for rt in names for s in snippets.discover() if rt in s.runtimes]
    sched = scheduler.Scheduler(workdir=workdir, fresh=fresh)
    try:
        wall, got = timed(lambda: sched.run(pairs))
    finally:
        sched.close()
    return wall, got, sched


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runtime", action="append", help="selectors (default: every runtime)")
    ap.add_argument("--fresh", action="store_true", help="also run the default runtime --fresh")
    ap.add_argument("--no-one", action="store_true", help="skip the one-snippet pytest run")
    ap.add_argument("--no-search", action="store_true", help="the corpus through the matcher only, not chromium")
    args = ap.parse_args(argv)
    names = [rt.name for rt in runtimes.resolve(args.runtime)] if args.runtime else list(runtimes.RELEASES)
    cores = os.cpu_count() or 2
    scratch = tempfile.TemporaryDirectory(prefix="kb-bench-")  # removed at the end
    wall, got, sched = suite(names, Path(scratch.name) / "forked")
    bad = sorted({f"{r.snippet.rel} [{r.runtime}]" for r in got.values() if scheduler.failed(r)})
    print(f"{len(sched.results)} pairs on {len(names)} runtimes, {cores} cores, "
          f"{sched.jobs} jobs at once, {sched.peak} of at most {sched.max_zygotes} zygotes alive at once" + (f"; FAILED: {bad}" if bad else ""))
    print(f"{'runtime':28} {'zygote':>8} {'starts':>6} {'snippets':>8} {'own':>8}")
    unique = 0.0
    for rt in names:
        st = sched.stats.get(rt, scheduler.Stats())
        unique += (st.startup / st.starts if st.starts else 0.0) + st.own  # one start each
        print(f"{rt:28} {st.startup:7.1f}s {st.starts:6d} {st.count:8d} {st.own:7.1f}s")
    bound = unique / cores
    print(f"wall {wall:.1f} s; unique work {unique:.1f} s / {cores} cores = {bound:.1f} s; "
          f"wall / bound = {wall / bound:.2f} (target <= 1.3)")
    slow = sorted(got.values(), key=lambda r: -r.seconds)[:5]
    print("slowest snippets (own time): " + ", ".join(
        f"{r.snippet.key} [{r.runtime}] {r.seconds:.2f} s" for r in slow))

    if not args.no_one:
        one = next(s for s in snippets.discover() if runtimes.DEFAULT in s.runtimes and s.needs)
        t, proc = timed(lambda: subprocess.run(
            [sys.executable, "-m", "pytest", "tests/test_snippets.py", "-q", "-p", "no:randomly", "--no-cache",
             "-k", f"{one.key}[{runtimes.DEFAULT}]"], cwd=snippets.ROOT, capture_output=True,
            text=True))
        summary = (proc.stdout.strip().splitlines() or ["?"])[-1]
        print(f"one snippet with a producer, pytest -k {one.key}: {t:.1f} s ({summary}; target <= 15 s)")

    if args.fresh:
        fwall, _, _ = suite([runtimes.DEFAULT], Path(scratch.name) / "fresh", fresh=True)
        dwall, _, _ = suite([runtimes.DEFAULT], Path(scratch.name) / "forked-default")
        print(f"{runtimes.DEFAULT}: forked {dwall:.1f} s, --fresh {fwall:.1f} s, "
              f"forked/fresh = {dwall / fwall:.2f}")

    with tempfile.TemporaryDirectory() as out_dir:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
        build_wall, proc = timed(lambda: subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", out_dir],
            cwd=snippets.ROOT, capture_output=True, text=True, env=env))
        if proc.returncode != 0:  # a failed build is fast: never report it as a time
            last = proc.stderr.strip().splitlines()[-1:] or ["(no output)"]
            raise SystemExit(f"mkdocs build --strict FAILED after {build_wall:.2f} s: {last[0]}")
        inner = re.search(r"built in ([\d.]+) seconds", proc.stderr)
        print(f"mkdocs build --strict: {build_wall:.2f} s wall "
              f"({inner.group(1) if inner else '?'} s reported by MkDocs)")
        print("real messages (data/corpus/messages.tsv), answered families; test: never tuned on")
        for ln in corpus_eval.report(Path(out_dir), search=not args.no_search):
            print("  " + ln)
    if bad:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
