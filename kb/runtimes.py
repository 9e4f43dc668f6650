"""The one place that knows the runtimes a snippet can run on.

A runtime is a named, pinned environment. ``keras3`` is the project's own virtual
environment (pinned by requirements.lock); the others are built by the matrix
command into ``.runtimes/<name>/``.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Environment every snippet runs with, on every runtime: quiet TensorFlow C++ logs,
# CPU only, reproducible hashing, the TensorFlow backend for Keras 3.
BASE_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "CUDA_VISIBLE_DEVICES": "",
    "KERAS_BACKEND": "tensorflow",
    "TF_USE_LEGACY_KERAS": "0",  # the tf-keras runtime sets it to 1
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
}


@dataclass(frozen=True)
class Runtime:
    name: str
    label: str  # what a reader calls it (the matrix, verified-on notes)
    tab: str  # short label of its output tab; the same label selects it on every page
    python: str  # Python version
    packages: tuple[str, ...]
    preload: tuple[str, ...]  # imported once by the zygote before forking
    env: dict = field(default_factory=dict)
    # resolved packages left out of the lock: installed by dependency metadata only,
    # never imported on this runtime's path (measured: see runtimes/NOTES.md)
    lock_drop: tuple[str, ...] = ()
    npm: str | None = None  # folder under runtimes/ with package.json + package-lock.json

    @property
    def interpreter(self) -> Path:
        if self.name in os.environ.get("KB_DRIFT", "").split(","):
            return ROOT / ".runtimes" / f"{self.name}-latest" / "bin" / "python"  # kb.matrix drift
        if self.name == DEFAULT:
            return Path(sys.executable)
        return ROOT / ".runtimes" / self.name / "bin" / "python"

    @property
    def node_modules(self) -> Path | None:
        return ROOT / ".runtimes" / f"{self.name}-node" / "node_modules" if self.npm else None

    def environ(self) -> dict:
        env = dict(os.environ)
        env.update(BASE_ENV)
        env.update(self.env)
        env["PYTHONPATH"] = str(ROOT)
        # as in an activated venv: the runtime's own commands come first
        env["PATH"] = f"{self.interpreter.parent}{os.pathsep}{env.get('PATH', '')}"
        if self.node_modules:
            env["NODE_PATH"] = str(self.node_modules)
        return env


RUNTIMES = {
    rt.name: rt
    for rt in [
        Runtime(
            name="keras3",
            label="Keras 3.15 (TensorFlow 2.21)",
            tab="Keras 3.15",
            python="3.11",
            # the project .venv, installed from requirements.lock (pyproject.toml pins these)
            packages=("tensorflow-cpu==2.21.0", "keras==3.15.1", "tensorflow-hub==0.16.1",
                      "setuptools<81", "h5py"),
            preload=("numpy", "h5py", "tensorflow", "keras"),
        ),
        # Keras 3 before the 2025 safe-mode fixes; TF 2.21 needs keras>=3.12, TF 2.20 takes 3.10
        Runtime(
            name="keras3-3.10",
            label="Keras 3.10 (TensorFlow 2.20)",
            tab="Keras 3.10",
            python="3.11",
            packages=("tensorflow-cpu==2.20.0", "keras==3.10.0", "h5py"),
            preload=("numpy", "h5py", "tensorflow", "keras"),
        ),
        # Keras 2 API on current TensorFlow: `from tensorflow import keras` is tf_keras
        Runtime(
            name="tf-keras",
            label="tf-keras 2.21 (TensorFlow 2.21, Keras 2)",
            tab="tf-keras 2.21",
            python="3.11",
            packages=("tensorflow-cpu==2.21.0", "tf-keras==2.21.0", "tensorflow-hub==0.16.1",
                      "setuptools<81", "h5py"),
            preload=("numpy", "h5py", "tensorflow", "tf_keras"),
            env={"TF_USE_LEGACY_KERAS": "1"},
        ),
        # the last TensorFlow with Keras 2 bundled
        Runtime(
            name="keras2-tf2.15",
            label="Keras 2.15 (TensorFlow 2.15)",
            tab="Keras 2.15",
            python="3.11",
            packages=("tensorflow-cpu==2.15.1", "h5py"),
            preload=("numpy", "h5py", "tensorflow", "keras"),
        ),
        # the same Keras 2.15 on another Python: an h5 Lambda stores marshalled bytecode,
        # which only the Python version that wrote it can read
        Runtime(
            name="keras2-tf2.15-py3.10",
            label="Keras 2.15 (TensorFlow 2.15) on Python 3.10",
            tab="Keras 2.15, Python 3.10",
            python="3.10",
            packages=("tensorflow-cpu==2.15.1", "h5py"),
            preload=("numpy", "h5py", "tensorflow", "keras"),
        ),
        # the current Keras 3 on a newer Python: its Lambda bytecode is Python 3.12's, which
        # Python 3.11 can unmarshal and run, not always as the same function
        Runtime(
            name="keras3-py3.12",
            label="Keras 3.15 (TensorFlow 2.21) on Python 3.12",
            tab="Keras 3.15, Python 3.12",
            python="3.12",
            packages=("tensorflow-cpu==2.21.0", "keras==3.15.1", "h5py"),
            preload=("numpy", "h5py", "tensorflow", "keras"),
        ),
        # TensorFlow.js: a Keras 2 model converted by the tensorflowjs converter (Python),
        # loaded by tf.loadLayersModel in Node (npm @tensorflow/tfjs, no native binding)
        Runtime(
            name="tfjs",
            label="TensorFlow.js 4.22 in Node (model converted from Keras 2.15 by tensorflowjs 4.22)",
            tab="TF.js 4.22",
            python="3.11",
            packages=("tensorflow-cpu==2.15.1", "tensorflowjs==4.22.0", "tf-keras==2.15.1",
                      "tensorflow-decision-forests==1.8.1", "jax==0.4.23", "jaxlib==0.4.23",
                      "flax==0.7.5", "setuptools==69.5.1"),
            preload=("numpy", "h5py", "tensorflow", "keras"),
            lock_drop=("tensorflow", "flax", "optax", "orbax-checkpoint", "chex", "tensorstore",
                       "msgpack", "nest-asyncio", "toolz"),
            npm="tfjs",
        ),
    ]
}
DEFAULT = "keras3"


class UnknownRuntime(ValueError):
    pass


def get(name: str) -> Runtime:
    try:
        return RUNTIMES[name]
    except KeyError:
        raise UnknownRuntime(
            f"unknown runtime {name!r}; known runtimes: {', '.join(RUNTIMES)}"
        ) from None


def check_installed(rt: Runtime) -> None:
    if not rt.interpreter.exists():
        raise RuntimeError(
            f"runtime {rt.name!r} is not installed ({rt.interpreter} is missing); "
            f"build it with `make matrix`"
        )
