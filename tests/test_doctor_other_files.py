"""Files readers often take for a Keras model (spec/formats.json "others"): both doctors
refuse each in one line that says what it is and links its answer; any other file keeps the
plain refusal. The files are made as their tools make them where that needs no TensorFlow
(pickle, checkpoint and graph names); snippets/check-your-file/ runs the doctor on a .tflite,
a checkpoint and a frozen graph that TensorFlow itself writes."""
import pickle
import subprocess
import sys

import pytest

from tests.test_doctor_spec import node_doctor  # noqa: F401  (a fixture)

PLAIN = "not a Keras model file: not HDF5, not a .keras zip, not JSON, not a SavedModel directory"
JUNK = bytes(range(7, 64))

FILES = [  # name, bytes, the words its refusal must hold, its answer
    *[(f"model-p{p}.pkl", pickle.dumps({"weights": [1.0, 2.0]}, protocol=p), "a Python pickle",
       "/h5-vs-keras/#pickle") for p in range(2, 6)],
    ("ckpt-10.index", JUNK, "a TensorFlow checkpoint's index file", "/checkpoints/#fix-checkpoint-prefix"),
    ("ckpt-10.data-00000-of-00001", JUNK, "a TensorFlow checkpoint's data file", "/checkpoints/#not-an-sstable"),
    ("FROZEN_GRAPH.PB", JUNK, "a TensorFlow protocol buffer", "/savedmodel-load/#fix-find-saved-model-pb"),
    ("model.onnx", JUNK, "an ONNX model", "/onnx/#onnx"),
    ("model.mlmodel", JUNK, "a Core ML model", "/coreml/#coreml"),
    ("model.tflite", b"\x1c\x00\x00\x00TFL3" + JUNK, "a TensorFlow Lite model", "/tflite/#tflite-lambda-custom-layer"),
]


def _python(cwd, name):
    return subprocess.run([sys.executable, "-m", "keras_doctor", name], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name,data,words,answer", FILES, ids=[f[0] for f in FILES])
def test_both_doctors_say_what_the_file_is(tmp_path, node_doctor, name, data, words, answer):
    (tmp_path / name).write_bytes(data)
    py, js = _python(tmp_path, name), node_doctor(tmp_path, name)
    assert (py.returncode, py.stdout, js.returncode, js.stdout) == (2, "", 2, "")
    line = py.stderr.strip()
    assert len(line.splitlines()) == 1 and f"not a Keras model file: {words}" in line
    assert line.endswith(answer), line
    assert js.stderr.strip().endswith(line.split(": ", 2)[2]), js.stderr  # the same words


@pytest.mark.parametrize("name,data", [("model.bin", JUNK), ("weights.pkl", pickle.dumps([1], protocol=0)),
                                       ("notes.txt", b"TFL3 is at the start, not at byte 4")])
def test_any_other_file_keeps_the_plain_refusal(tmp_path, node_doctor, name, data):
    (tmp_path / name).write_bytes(data)
    py, js = _python(tmp_path, name), node_doctor(tmp_path, name)
    assert py.returncode == js.returncode == 2
    assert py.stderr.strip().endswith(PLAIN) and js.stderr.strip().endswith(PLAIN), (py.stderr, js.stderr)
