"""Shared by the version-scan snippets: the models they save, and one verdict line per case.

A verdict is `<case>: loads; predictions equal` (or `differ`), `<case>: refuses: <message>`
(the loader declined on purpose: its message names safe_mode or unsafe deserialization) or
`<case>: fails: <message>`. The message is the exception's first line, exactly as printed.
"""
import inspect
import logging
import os
import re
import warnings

import numpy as np
import tensorflow as tf
from tensorflow import keras  # Keras 3, tf-keras or Keras 2, whichever the runtime has

warnings.filterwarnings("ignore")  # each release words its HDF5 warnings differently:
logging.getLogger("absl").setLevel(logging.ERROR)  # the verdicts are what is compared
tf.get_logger().setLevel("ERROR")


class Scale(keras.layers.Layer):
    """A custom layer with get_config, defined where the model is saved."""

    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


def double(y):
    return y * 2.0


def models():
    """name -> a function building the model of one case: a Python lambda, a named function,
    a lambda calling tf.*, a tf.* call on a layer's output (Keras 2 wraps it in a TFOpLambda
    layer; Keras 3 refuses to build it), a custom layer, a registered custom layer, and plain
    Dense layers."""
    from registered_layer import Twice  # imported here: the loaders do not import it

    def wrap(layer):
        inputs = keras.Input(shape=(4,))
        x = keras.layers.Dense(3, kernel_initializer="ones")(inputs)
        return keras.Model(inputs, keras.layers.Dense(1, kernel_initializer="ones")(layer(x)))

    return {
        "lambda": lambda: wrap(keras.layers.Lambda(lambda y: y * 2.0)),
        "named": lambda: wrap(keras.layers.Lambda(double)),
        "tf_call": lambda: wrap(keras.layers.Lambda(lambda y: tf.math.square(y))),
        "tfop": lambda: wrap(tf.math.square),
        "custom": lambda: wrap(Scale(2.0)),
        "registered": lambda: wrap(Twice()),
        "plain": lambda: wrap(keras.layers.Dense(3, kernel_initializer="ones")),
    }


X = np.linspace(-1, 1, 8, dtype="float32").reshape(2, 4)


def predict(model, x):
    """The model called once, eagerly (what predict() computes, without tracing a function)."""
    return np.asarray(model(x, training=False))


def first_line(exc):
    """The exception's first line, and Keras's innermost cause when it chains one."""
    text = str(exc).strip()
    lines = text.splitlines()
    # without the configuration Keras dumps: a lambda's holds its bytecode, with the path of
    # the file that defined it
    line = f"{type(exc).__name__}: {lines[0] if lines else ''}"
    cause = [ln for ln in lines[1:] if ln.startswith("Exception encountered:")]
    line += f" … {cause[-1]}" if cause else ""
    return re.sub(r" (?:using config=|Full object config: )\{.*?\}(?=\.? …|\.?$)", "", line)


def save_all(folder="."):
    """Save every model as .h5 and .keras, with the inputs and the original predictions."""
    np.save(os.path.join(folder, "x.npy"), X)
    for name, build in models().items():
        try:
            model = build()
        except Exception as exc:
            print(f"build {name}: fails: {first_line(exc)}")
            continue
        np.save(os.path.join(folder, f"{name}.expected.npy"), predict(model, X))
        for ext in ("h5", "keras"):
            try:
                model.save(os.path.join(folder, f"{name}.{ext}"))
                print(f"save {name}.{ext}: saved")
            except Exception as exc:
                print(f"save {name}.{ext}: fails: {first_line(exc)}")


def load_verdict(case, path, **kwargs):
    """Load ``path`` (kwargs as given; safe_mode only where this Keras has it), predict,
    and print the verdict line."""
    if "safe_mode" in kwargs and "safe_mode" not in inspect.signature(keras.models.load_model).parameters:
        print(f"{case}: n/a (this load_model has no safe_mode)")
        return
    if not os.path.exists(path):
        print(f"{case}: n/a (no such file was written)")
        return
    try:
        model = keras.models.load_model(path, **kwargs)
        got = predict(model, np.load(os.path.join(os.path.dirname(path), "x.npy")))
    except Exception as exc:
        text = str(exc)
        kind = "refuses" if ("safe_mode" in text or "unsafe" in text.lower()) else "fails"
        print(f"{case}: {kind}: {first_line(exc)}")
        return
    name = os.path.basename(path).split(".")[0]
    expected = np.load(os.path.join(os.path.dirname(path), f"{name}.expected.npy"))
    same = np.allclose(got, expected, rtol=1e-5, atol=1e-6)
    print(f"{case}: loads; predictions {'equal' if same else 'differ'}")
