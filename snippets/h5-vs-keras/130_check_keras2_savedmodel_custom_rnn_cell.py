# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*"]
# ///
# --8<-- [start:code]
# Keras 2 (TensorFlow 2.15): an RNN with a custom cell, saved as a SavedModel directory
import numpy as np
import tensorflow as tf
from tensorflow import keras


class MinimalCell(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")

    def call(self, inputs, states):
        output = tf.matmul(inputs, self.kernel) + states[0]
        return output, [output]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


tf.keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(5, 3))
model = keras.Model(inputs, keras.layers.RNN(MinimalCell(4))(inputs))
x_test = np.random.default_rng(0).random((2, 5, 3), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
model.save("rnn_savedmodel")
print("saved rnn_savedmodel/")
# --8<-- [end:code]
