# /// kb
# outcome = "ok"
# runtimes = ["keras3-py3.12"]
# ///
# --8<-- [start:code]
import platform

import keras
import numpy as np

print("Python", platform.python_version(), "/ Keras", keras.__version__)
keras.utils.set_random_seed(0)

inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(8, name="dense")(inputs)
# the first half of the features, doubled
outputs = keras.layers.Lambda(lambda x: x[:, :4] * 2.0, name="half_double")(hidden)
model = keras.Model(inputs, outputs)
model.save("slice_py312.h5")  # the lambda is stored as Python 3.12 bytecode

x_test = np.array([[1.0, 2.0, 3.0, 4.0]], dtype="float32")
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
print("predictions on Python 3.12:", np.load("expected.npy").round(3))
# --8<-- [end:code]
