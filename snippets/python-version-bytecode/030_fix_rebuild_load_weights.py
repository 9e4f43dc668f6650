# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*", "keras3==3.10.*", "keras3>=3.15"]
# needs = {"keras2-py3.10:010_check_save_on_python310.py" = ["lambda_py310.h5", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import platform

import keras
import numpy as np


class Double(keras.layers.Layer):
    def call(self, x):
        return x * 2.0


print("Python", platform.python_version(), "/ Keras", keras.__version__)
inputs = keras.Input(shape=(2,))
hidden = keras.layers.Dense(2, name="dense")(inputs)
model = keras.Model(inputs, Double(name="double")(hidden))
model.load_weights("lambda_py310.h5")  # weights are arrays: no bytecode is read

predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("same predictions as on Python 3.10:", np.allclose(predicted, np.load("expected.npy")))
# --8<-- [end:code]
