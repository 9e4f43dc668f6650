# /// kb
# outcome = "raises"
# exception = "NotImplementedError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # the Keras TensorFlow uses: Keras 3, tf-keras or Keras 2
import numpy as np


class OffsetLayer(keras.layers.Layer):  # no get_config, and an array argument
    def __init__(self, offsets, **kwargs):
        super().__init__(**kwargs)
        self.offsets = offsets

    def call(self, inputs):
        return inputs + self.offsets


inputs = keras.Input(shape=(3,))
model = keras.Model(inputs, OffsetLayer(np.array([1.0, 2.0, 3.0]))(inputs))
model.save("model.keras")  # fails here, at save time
# --8<-- [end:code]
