# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.0", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import subprocess
import sys

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="demo")
class Scale(keras.layers.Layer):  # a custom layer
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor


keras.config.disable_interactive_logging()
keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(4,), name="features")
x = keras.layers.Lambda(lambda t: keras.ops.relu(t) + 1.0)(inputs)  # a Lambda naming a module
model = keras.Model(inputs, keras.layers.Dense(1)(Scale(3.0)(x)))
model.export("models/my_model/1")
x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))

# another process, without the Scale class and without safe_mode: only the SavedModel
reader = """
import keras, numpy as np
layer = keras.layers.TFSMLayer("models/my_model/1", call_endpoint="serve")
print("TFSMLayer, no class, no safe_mode:",
      np.allclose(layer(np.load("x_test.npy")), np.load("expected.npy"), atol=1e-6))
try:
    keras.models.load_model("models/my_model/1")
except ValueError as exc:
    print("load_model:", str(exc).split(".")[0])
"""
print(subprocess.run([sys.executable, "-c", reader], capture_output=True, text=True).stdout, end="")
# --8<-- [end:code]
