# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*"]
# ///
# --8<-- [start:code]
# Keras 2 (TensorFlow 2.15): a path without an extension saves a SavedModel directory
import numpy as np
import tensorflow as tf
from tensorflow import keras


class ScaleLayer(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


tf.keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
model = keras.Model(inputs, ScaleLayer(2.0)(keras.layers.Dense(4)(inputs)))
x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))

model.save("scale_savedmodel")  # with the traced call functions (the default)
model.save("scale_savedmodel_no_traces", save_traces=False)  # config and weights only
print(sorted(p.name for p in __import__("pathlib").Path("scale_savedmodel").iterdir()))
# --8<-- [end:code]
