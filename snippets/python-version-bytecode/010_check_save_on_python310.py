# /// kb
# outcome = "ok"
# runtimes = ["keras2-py3.10"]
# ///
# --8<-- [start:code]
import platform

import keras
import numpy as np

print("Python", platform.python_version(), "/ Keras", keras.__version__)

inputs = keras.Input(shape=(2,))
hidden = keras.layers.Dense(2, name="dense")(inputs)
outputs = keras.layers.Lambda(lambda x: x * 2.0, name="double")(hidden)
model = keras.Model(inputs, outputs)
model.save("lambda_py310.h5")  # the lambda is stored as Python 3.10 bytecode

x_test = np.array([[1.0, 2.0]], dtype="float32")
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
# --8<-- [end:code]
