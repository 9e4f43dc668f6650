"""Every runtime's lock installs one TensorFlow and one Keras: two distributions that write the
same import package (tensorflow and tensorflow-cpu, keras and keras-nightly) leave files of
either, depending on the install order, while results/ records one of them."""
import re

import pytest

from kb.engine import runtimes

TENSORFLOWS = {"tensorflow", "tensorflow-cpu", "tensorflow-intel", "tensorflow-macos",
               "tensorflow-aarch64", "tf-nightly", "tf-nightly-cpu"}
KERASES = {"keras", "keras-nightly"}


def pins(text: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2)
            for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M)}


@pytest.mark.parametrize("rt", runtimes.RUNTIMES.values(), ids=lambda rt: rt.name)
def test_a_lock_installs_one_tensorflow_and_one_keras(rt):
    got = pins(rt.lock.read_text(encoding="utf-8"))
    assert [d for d in got if d in TENSORFLOWS] == ["tensorflow-cpu"], rt.lock.name
    assert got["tensorflow-cpu"] == rt.tensorflow
    assert len([d for d in got if d in KERASES]) <= 1, rt.lock.name
    assert got[rt.family.package.lower()] == rt.version


def test_the_check_finds_two_tensorflows():
    text = "tensorflow==2.21.0\n    # via tf-keras\ntensorflow-cpu==2.21.0\n"
    assert [d for d in pins(text) if d in TENSORFLOWS] == ["tensorflow", "tensorflow-cpu"]
