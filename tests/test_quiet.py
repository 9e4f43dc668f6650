"""The suite's output is pytest's own: no TensorFlow / absl log line reaches it (the zygotes'
start-up lines go to their log files, a snippet's output to its own file and golden), and
pytest's summary is its last line."""
import re
import subprocess
import sys

from kb.engine import output, runtimes, snippets

TF_LINE = re.compile(r"tensorflow/|absl|oneDNN|cuda|cpu_feature_guard|TF_ENABLE_ONEDNN_OPTS|"
                     r"^[IWEF]\d{4} |^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] ")


def test_tensorflow_log_lines_are_seen_by_the_check():
    lines = ["2026-12-01 10:00:00.123456: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on.",
             "W0000 00:00:1733050000.000000   123 cpu_feature_guard.cc:123] AVX",
             "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR"]
    assert all(TF_LINE.search(ln) for ln in lines)
    assert all(output.is_noise(ln) for ln in lines)
    assert not TF_LINE.search("2 passed in 3.1s")


def test_a_snippet_and_a_page_block_run_quietly_and_the_summary_is_the_last_line():
    """A pytest run of snippets and of a page's blocks (markdown-docs), each checked against
    its golden, on the project runtime (run, not taken from the cache): its output, stdout and
    stderr, holds no log line."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_snippets.py", "docs/init-kwargs.md",
         "--runtime", runtimes.DEFAULT, "-k", "init", "-p", "no:randomly", "--no-cache"],
        cwd=snippets.ROOT, capture_output=True, text=True, timeout=900)
    text = proc.stdout + proc.stderr
    assert proc.returncode == 0, text[-3000:]
    noisy = [ln for ln in text.splitlines() if TF_LINE.search(ln)]
    assert not noisy, noisy
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert re.fullmatch(r"=+ \d+ passed(, \d+ deselected)? in [\d.]+s( \([\d:]+\))? =+", lines[-1]), lines[-3:]
    assert int(re.search(r"(\d+) passed", lines[-1]).group(1)) >= 4  # two snippets, two blocks
