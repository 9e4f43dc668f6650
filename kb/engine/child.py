"""The process side of the snippet runner: runs inside a runtime's own interpreter.

Standard library only (it is imported by every runtime's Python, whatever it has
installed). Two entry points:

  python -m kb.engine.child serve PRELOAD      a "zygote": imports PRELOAD (e.g. keras) once,
                                        then forks one child per request read on stdin
  python -m kb.engine.child run PRELOAD JOB    audit mode (--fresh): one snippet in this brand
                                        new interpreter, same steps as a forked child

Both paths call `run_snippet`, so a forked child and a fresh interpreter do exactly
the same thing after the preload: chdir to the snippet's own temporary directory,
send stdout and stderr to one file, run the file as a fresh ``__main__`` with
``runpy.run_path``, and print an escaping exception as ``format_exception_only``.

Requests and replies are JSON lines. A request: {"id", "path", "cwd", "out", "meta",
"timeout", "packages"}. A reply: {"id", "status": "exited"|"timeout"|"signal", "code"}. The
child writes {"outcome": "ok"|"raises", "exception": NAME|null, "seconds", "versions"} to
JOB["meta"] (versions: of JOB["packages"], the distributions the runtime pins), and
"import_output": what the preload printed (a FutureWarning of `import keras`, say). A reader
running the file sees that before the snippet's own output; the forked child cannot print it
again (the import is done), so it is recorded beside the output (results/, and the page notes
it under the output: kb/site/includes.py).
"""
import importlib
import json
import os
import select
import signal
import sys
import time
import traceback


PRELOADED = {"output": ""}


def preload(modules):
    """Import the modules, with what they print kept in PRELOADED (and off the zygote's
    stdout, its replies' channel)."""
    import tempfile

    with tempfile.TemporaryFile() as tmp:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(tmp.fileno(), 1)
        os.dup2(tmp.fileno(), 2)
        try:
            for name in modules:
                if name:
                    importlib.import_module(name)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        tmp.seek(0)
        PRELOADED["output"] = tmp.read().decode("utf-8", "replace")


def run_snippet(job):
    """Run one snippet; never returns normally in a forked child (caller _exits)."""
    import runpy
    import tempfile

    os.chdir(job["cwd"])
    # Temporary files too (TensorFlow's autograph writes one per converted function and
    # never deletes it): in the snippet's own directory, removed with it.
    os.environ["TMPDIR"] = tempfile.tempdir = job["cwd"]
    fd = os.open(job["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", closefd=False)
    sys.stdin = open(os.devnull)
    path = job["path"]
    sys.argv = [path]
    sys.path.insert(0, os.path.dirname(path))
    outcome, exc_name = "ok", None
    start = time.perf_counter()
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            outcome, exc_name = "raises", "SystemExit"
            print("SystemExit: %s" % (exc.code,))
    except BaseException as exc:  # the snippet's own exception is its result
        outcome, exc_name = "raises", type(exc).__name__
        sys.stdout.write("".join(traceback.format_exception_only(type(exc), exc)))
    seconds = time.perf_counter() - start
    sys.stdout.flush()
    sys.stderr.flush()
    with open(job["meta"], "w") as fh:
        json.dump({"outcome": outcome, "exception": exc_name, "seconds": seconds,
                   "versions": versions(job.get("packages", ())),
                   "import_output": PRELOADED["output"]}, fh)


def versions(packages):
    """The installed version of each distribution (None: not installed), and Python's."""
    from importlib import metadata

    found = {"python": "%d.%d.%d" % sys.version_info[:3]}
    for name in packages:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def _reply(obj):
    try:
        sys.__stdout__.write(json.dumps(obj) + "\n")
        sys.__stdout__.flush()
    except BrokenPipeError:  # the runner is gone (a test run stopped early): so are we
        os._exit(0)


def serve(modules):
    """Preload once, then fork a child per request; report each child's end. It sleeps until
    a request comes, a child ends (SIGCHLD, through a wakeup pipe) or a deadline passes:
    no polling, so a child's end is reported at once."""
    start = time.perf_counter()
    preload(modules)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # the byte in the pipe is what counts
    _reply({"ready": True, "preload_seconds": time.perf_counter() - start})
    running = {}  # pid -> (job id, deadline)
    buf = b""
    stdin = sys.stdin.buffer.raw if hasattr(sys.stdin.buffer, "raw") else sys.stdin.buffer
    eof = False
    while not eof or running:
        deadline = min((d for _, d in running.values()), default=None)
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([wake_r] + ([] if eof else [stdin]), [], [], wait)
        if wake_r in ready:  # empty the pipe (non-blocking: BlockingIOError once it is)
            try:
                while os.read(wake_r, 4096):
                    pass
            except BlockingIOError:
                pass
        if stdin in ready:
            chunk = os.read(stdin.fileno(), 65536)
            if not chunk:
                eof = True
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.strip():
                    job = json.loads(line)
                    pid = os.fork()
                    if pid == 0:
                        signal.set_wakeup_fd(-1)
                        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                        os.close(wake_r)
                        os.close(wake_w)
                        os.setpgid(0, 0)
                        code = 0
                        try:
                            run_snippet(job)
                        except BaseException:
                            code = 70
                        finally:
                            os._exit(code)
                    running[pid] = (job["id"], time.monotonic() + job["timeout"])
        if eof and running and not buf:
            # the runner went away: do not leave orphans behind
            for pid in list(running):
                _kill(pid)
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            job_id, deadline = running.pop(pid)
            if os.WIFSIGNALED(status):
                timed_out = time.monotonic() >= deadline
                _reply({"id": job_id, "status": "timeout" if timed_out else "signal",
                        "code": os.WTERMSIG(status)})
            else:
                _reply({"id": job_id, "status": "exited", "code": os.WEXITSTATUS(status)})
        now = time.monotonic()
        for pid, (job_id, deadline) in list(running.items()):
            if now >= deadline:
                _kill(pid)


def _kill(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main(argv):
    mode, modules = argv[0], [m for m in argv[1].split(",") if m]
    if mode == "serve":
        serve(modules)
        # nothing of the interpreter's teardown is needed: with TensorFlow imported it
        # took 0.7-0.8 s of CPU per zygote (measured), once per runtime in every test run
        sys.stdout.flush()
        os._exit(0)
    elif mode == "run":
        preload(modules)
        run_snippet(json.loads(argv[2]))
    else:
        raise SystemExit("usage: python -m kb.engine.child serve|run PRELOAD [JOB]")


if __name__ == "__main__":
    main(sys.argv[1:])
