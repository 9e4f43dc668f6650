# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*"]
# needs = {"130_check_keras2_savedmodel_custom_rnn_cell.py" = ["rnn_savedmodel", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
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


model = keras.models.load_model("rnn_savedmodel", custom_objects={"MinimalCell": MinimalCell})
predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
