"""What a run printed, made comparable: the one place for TensorFlow's log noise and for the
normalisation of paths, addresses and timings in outputs (snippets and notebooks)."""
from __future__ import annotations

import os
import re

from kb.engine.runtimes import ROOT

# lines that TensorFlow, absl and Python print around an output, whatever it is
NOISE = [
    re.compile(r"^WARNING: All log messages before absl::InitializeLog\(\) is called.*$"),
    re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ \S+:\d+\] .*$"),  # absl
    re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] .*$"),  # TF C++ logging
    re.compile(r"^To enable the following instructions:.*rebuild TensorFlow.*$"),
    re.compile(r"^.*oneDNN custom operations are on.*$"),
    re.compile(r"^\s*warnings\.warn\($"),  # the source line Python prints after a warning
    # the TF.js runtime's pins (TF 2.15.1 beside the decision-forests build for 2.15.0), printed
    # when the converter is imported: about this environment, not the reader's model
    re.compile(r"^WARNING:root:TensorFlow Decision Forests [\d.]+ is compatible with the following "
               r"TensorFlow Versions: .*$"),
]


def is_noise(line: str) -> bool:
    return any(rx.match(line) for rx in NOISE)


def normalize(text: str, tmpdirs: list[str]) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # terminal colours (Keras bolds some messages)
    for d in sorted({p for t in tmpdirs for p in (t, os.path.realpath(t))}, key=len, reverse=True):
        text = text.replace(d, "<tmp>")
    text = re.sub(r"(?:/[\w.+-]+)+/(?:site|dist)-packages/", "<site-packages>/", text)
    text = text.replace(str(ROOT) + "/", "")
    text = re.sub(r"/tmp/[\w.+/-]+", "<tmp>", text)
    text = re.sub(r"\b0x[0-9a-fA-F]{6,}\b", "0x...", text)
    text = re.sub(r"(['\"]shared_object_id['\"]: )\d+", r"\1<id>", text)  # an id()
    text = re.sub(r"(\.py):\d+: (\w*Warning)", r"\1: \2", text)
    text = re.sub(r"\b\d+(\.\d+)?m?s/step\b", "<t>/step", text)
    lines = [ln.rstrip() for ln in text.splitlines()]
    lines = [ln for ln in lines if not is_noise(ln)]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""
