# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import json
import subprocess

import numpy as np
import tensorflow as tf
from tensorflow import keras  # Keras 2.15: the tensorflowjs converter reads its .h5

tf.keras.utils.set_random_seed(0)
inputs = keras.layers.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.save("lambda_model.h5")

x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))

# The converter command, as a reader runs it:
subprocess.run(["tensorflowjs_converter", "--input_format", "keras",
                "lambda_model.h5", "tfjs_model"], check=True, capture_output=True)
topology = json.load(open("tfjs_model/model.json"))["modelTopology"]
for layer in topology["model_config"]["config"]["layers"]:
    print(layer["class_name"], {k: str(v)[:40] for k, v in layer["config"].items()
                                if k in ("name", "function", "function_type")})
# --8<-- [end:code]
