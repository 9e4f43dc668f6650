# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import subprocess
import sys

import keras
import numpy as np
import onnxruntime as ort

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])
model.export("saved_model", verbose=False)  # a SavedModel (what tf-keras and Keras 2 write too)

# the converter's command line reads the SavedModel, not the Keras object
run = subprocess.run([sys.executable, "-m", "tf2onnx.convert", "--saved-model", "saved_model",
                      "--output", "model.onnx"], capture_output=True, text=True)
print("tf2onnx.convert exit status:", run.returncode)
x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
session = ort.InferenceSession("model.onnx")
got = session.run(None, {session.get_inputs()[0].name: x_test})[0]
print("input:", session.get_inputs()[0].name, "| same predictions:",
      np.allclose(got, model.predict(x_test, verbose=0), atol=1e-6))
# --8<-- [end:code]
