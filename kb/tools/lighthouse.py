"""Lighthouse scores (performance, accessibility, best practices, SEO; mobile) for every
built page, in Debian's chromium, with the site served from a sub-path.

    python -m kb.tools.lighthouse [--site DIR] [--runs N] [PAGE...]
        (make lighthouse; default: every page of the site; --site: an already built site;
         --runs: each page N times, the run with the median performance score reported,
         as Lighthouse's docs/variability.md advises; default 3)

Installs the pinned npm `lighthouse` (tools/lighthouse/package-lock.json) into
.runtimes/lighthouse-node once, builds the site, serves it on 127.0.0.1 under /kb/, and
prints one line of scores per page. Exit status 1 when a score is under MIN_SCORE.

CPU throttling is calibrated to the host, as Lighthouse's docs/throttling.md says to: its
mobile preset (4x) assumes a host whose benchmarkIndex is about 1500; a first run measures
this host's index, and each page runs with the multiplier that the median of the indexes of
all runs so far calls for (cpu_multiplier: the curve of Lighthouse's CPU throttling
calculator, 3x at 1300 plus 1x per 233). On a shared, busy machine the
index is low and the default 4x would emulate a far slower phone than the preset means.
The index and multiplier are printed with the scores.
"""
from __future__ import annotations

import functools
import gzip
import io
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from kb.engine import runtimes, snippets

TOOL = snippets.ROOT / "tools" / "lighthouse"
NODE_DIR = snippets.ROOT / ".runtimes" / "lighthouse-node"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MIN_SCORE = 95


def cpu_multiplier(benchmark_index: float) -> float:
    """The CPU slowdown that emulates Lighthouse's mobile device on a host with this
    benchmarkIndex (1533 -> 4x, 1300 -> 3x, 800 -> 2x, 150 -> 1x; linear between)."""
    points = [(150, 1.0), (800, 2.0), (1300, 3.0), (1533, 4.0)]
    if benchmark_index <= points[0][0]:
        return 1.0
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if benchmark_index <= x1:
            return round(y0 + (benchmark_index - x0) * (y1 - y0) / (x1 - x0), 2)
    return round(3.0 + (benchmark_index - 1300) / 233, 2)


def site_pages(site: Path) -> list[str]:
    """Every page of a built site (its index.html files, not redirect stubs), as paths."""
    out = []
    for f in sorted(site.rglob("index.html")):
        if f.parent.name == "search" or 'http-equiv="refresh"' in f.read_text(encoding="utf-8"):
            continue
        out.append("" if f.parent == site else f.parent.relative_to(site).as_posix() + "/")
    return out


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Serves text compressed, as a real host (GitHub Pages, nginx) does: without it the
    simulated mobile network makes the stylesheet alone cost a second of first paint."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".txt")
                or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def install() -> Path:
    return runtimes.npm_ci(TOOL, NODE_DIR) / ".bin" / "lighthouse"


def main(argv=None) -> int:
    args = list(argv if argv is not None else sys.argv[1:])
    site = Path(args.pop(args.index("--site") + 1)) if "--site" in args else None
    runs = int(args.pop(args.index("--runs") + 1)) if "--runs" in args else 3
    pages = [a for a in args if a not in ("--site", "--runs")]
    binary = install()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if site:
            shutil.copytree(site, root / "kb")
        else:
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                            str(root / "kb")], cwd=snippets.ROOT, check=True, env=env)
        pages = pages or site_pages(root / "kb")
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                functools.partial(_Gzip, directory=str(root)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/kb/"
        worst = 100
        report = root / "report.json"

        def run(page, multiplier):
            subprocess.run([str(binary), base + page, "--quiet", "--output=json",
                            f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
                            f"--throttling.cpuSlowdownMultiplier={multiplier}",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                           check=True, env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"))
            return json.loads(report.read_text())

        try:
            # the host's benchmarkIndex, as the median of every run's so far: one run's swings
            # (1400 to 2900 seen here on 2 busy cores) would swing the multiplier 3.4x to 9.4x
            indexes = [run(pages[0], 4)["environment"]["benchmarkIndex"]]  # the calibration run
            for page in pages:
                index = statistics.median(indexes)
                multiplier = cpu_multiplier(index)
                tries = []
                for _ in range(runs):
                    tries.append(run(page, multiplier))
                    indexes.append(tries[-1]["environment"]["benchmarkIndex"])
                tries.sort(key=lambda d: d["categories"]["performance"]["score"])
                data = tries[len(tries) // 2]
                cats = data["categories"]
                scores = {c: round(cats[c]["score"] * 100) for c in CATEGORIES}
                worst = min(worst, *scores.values())
                print(f"/{page:<28} " + "  ".join(f"{c} {v}" for c, v in scores.items())
                      + f"  (cpu x{multiplier}, benchmarkIndex {index:.0f})", flush=True)
                for c in CATEGORIES:  # what cost points, so the note can say why
                    for ref in cats[c]["auditRefs"]:
                        audit = data["audits"][ref["id"]]
                        if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                            print(f"    {c}: {ref['id']} ({audit['score']:.2f}) {audit['title']}")
                            for item in (audit.get("details") or {}).get("items", [])[:3]:
                                node = item.get("node") or {}
                                if node.get("snippet"):
                                    print(f"        {node['snippet'][:150]}")
        finally:
            httpd.shutdown()
    return 0 if worst >= MIN_SCORE else 1


if __name__ == "__main__":
    sys.exit(main())
