"""Lighthouse scores (performance, accessibility, best practices, SEO; mobile) for the home
page and error pages, in Debian's chromium, with the site served from a sub-path.

    python -m kb.lighthouse [--site DIR] [PAGE...]   (make lighthouse; default: home + two
                                                      error pages; --site: an already built site)

Installs the pinned npm `lighthouse` (tools/lighthouse/package-lock.json) into
.runtimes/lighthouse-node once, builds the site, serves it on 127.0.0.1 under /kb/, and
prints one line of scores per page. Exit status 1 when a score is under MIN_SCORE.
"""
from __future__ import annotations

import functools
import gzip
import io
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from kb import snippets

TOOL = snippets.ROOT / "tools" / "lighthouse"
NODE_DIR = snippets.ROOT / ".runtimes" / "lighthouse-node"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = ("", "why-unknown-layer-lambda/", "hub-keraslayer/")
MIN_SCORE = 95


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
    binary = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
    lock = (TOOL / "package-lock.json").read_bytes()
    stamp = NODE_DIR / ".lock"
    if not (binary.exists() and stamp.exists() and stamp.read_bytes() == lock):
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        for f in ("package.json", "package-lock.json"):
            shutil.copy2(TOOL / f, NODE_DIR / f)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=NODE_DIR, check=True)
        stamp.write_bytes(lock)
    return binary


def main(argv=None) -> int:
    args = list(argv if argv is not None else sys.argv[1:])
    site = Path(args.pop(args.index("--site") + 1)) if "--site" in args else None
    pages = [a for a in args if a != "--site"] or list(PAGES)
    binary = install()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if site:
            shutil.copytree(site, root / "kb")
        else:
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                            str(root / "kb")], cwd=snippets.ROOT, check=True, env=env)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                functools.partial(_Gzip, directory=str(root)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/kb/"
        worst = 100
        try:
            for page in pages:
                report = root / "report.json"
                subprocess.run([str(binary), base + page, "--quiet", "--output=json",
                                f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
                                "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                               check=True, env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"))
                data = json.loads(report.read_text())
                cats = data["categories"]
                scores = {c: round(cats[c]["score"] * 100) for c in CATEGORIES}
                worst = min(worst, *scores.values())
                print(f"/{page:<28} " + "  ".join(f"{c} {v}" for c, v in scores.items()), flush=True)
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
