# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import json
import os
import subprocess

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflowjs.converters.tf_saved_model_conversion_v2 import convert_tf_saved_model


class Scale(keras.layers.Layer):  # a custom layer
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor


tf.keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(4,), name="features")
x = keras.layers.Lambda(lambda t: tf.nn.relu(t) + 1.0)(inputs)  # a Lambda
model = keras.Model(inputs, keras.layers.Dense(1)(Scale(3.0)(x)))
tf.saved_model.save(model, "saved_model")
convert_tf_saved_model("saved_model", "web_model")  # a graph model: ops, no layer classes

x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "run_graph_model.js"), "web_model/model.json",
                       "execute", json.dumps(x_test.tolist())],
                      capture_output=True, text=True, check=True)
got = np.array(json.loads(node.stdout.split(" ", 1)[1]), dtype=np.float32)
print("tf.loadGraphModel, no JavaScript class:",
      np.allclose(got, model.predict(x_test, verbose=0), atol=1e-6))
# --8<-- [end:code]
