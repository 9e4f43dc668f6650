# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"keras3-py3.12:060_check_save_on_python312.py" = ["slice_py312.h5", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np


class HalfDouble(keras.layers.Layer):  # the lambda's code, written here, in this Python
    def call(self, x):
        return x[:, :4] * 2.0

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 4)


inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(8, name="dense")(inputs)
model = keras.Model(inputs, HalfDouble(name="half_double")(hidden))
model.load_weights("slice_py312.h5")  # weights are arrays: no bytecode is read

predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("same predictions as on Python 3.12:", np.allclose(predicted, np.load("expected.npy")))
# --8<-- [end:code]
