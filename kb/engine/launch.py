"""Launchers: how a (runtime, snippet) pair's process starts. ForkLauncher keeps one zygote
per runtime (kb/engine/child.py: it imports Keras once and forks a child per snippet);
FreshLauncher starts a brand-new interpreter per snippet (--fresh, the audit mode). Both put
their replies on the scheduler's queue as ("done", runtime, job id, message).
"""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path

from kb.engine import runtimes
from kb.engine.snippets import ROOT

class ForkLauncher:
    """One zygote per runtime: it imports Keras once and forks a child per snippet.
    Replies go to the scheduler's queue as ("done", runtime, job id, message)."""

    def __init__(self, rt: runtimes.Runtime, events: queue.Queue, log: Path):
        self.rt, self.events = rt, events
        start = time.perf_counter()
        with open(log, "wb") as err:  # TensorFlow's start-up lines: kept out of the test output
            self.proc = subprocess.Popen(
                [str(rt.interpreter), "-m", "kb.engine.child", "serve", ",".join(rt.preload)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=rt.environ(),
                cwd=ROOT, text=True, bufsize=1, start_new_session=True,
            )
        line = self.proc.stdout.readline()
        if not line:
            tail = log.read_text(errors="replace").strip().splitlines()[-5:]
            raise RuntimeError(f"runtime {rt.name}: the zygote died while preloading "
                               f"{', '.join(rt.preload)}:\n" + "\n".join(tail))
        self.startup = time.perf_counter() - start
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            msg = json.loads(line)
            self.events.put(("done", self.rt.name, msg["id"], msg))
        self.events.put(("died", self.rt.name, None, None))

    def start(self, job):
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()

    def close(self, wait: bool = True):
        """End the zygote (end of its stdin). wait=False: a thread reaps it, so the
        scheduler's loop goes on launching meanwhile."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        if wait:
            self._reap()
        else:
            threading.Thread(target=self._reap, daemon=True).start()

    def _reap(self):
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


class FreshLauncher:
    """Audit mode: every snippet in a brand-new interpreter."""

    startup = 0.0

    def __init__(self, rt: runtimes.Runtime, events: queue.Queue, log: Path):
        self.rt, self.events = rt, events

    def start(self, job):
        def run():
            proc = subprocess.Popen(
                [str(self.rt.interpreter), "-m", "kb.engine.child", "run",
                 ",".join(self.rt.preload), json.dumps(job)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env=self.rt.environ(), cwd=ROOT, start_new_session=True,
            )
            try:
                code = proc.wait(timeout=job["timeout"] + 60)  # + the interpreter's own import
                msg = {"status": "exited", "code": code}
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                msg = {"status": "timeout"}
            self.events.put(("done", self.rt.name, job["id"], msg))

        threading.Thread(target=run, daemon=True).start()

    def close(self, wait: bool = True):
        pass
