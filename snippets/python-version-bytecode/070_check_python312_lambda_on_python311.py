# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"keras3-py3.12:060_check_save_on_python312.py" = ["slice_py312.h5", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import platform

import keras
import numpy as np

print("Python", platform.python_version(), "/ Keras", keras.__version__)
# a file you trust, so safe_mode=False: Python 3.11 unmarshals the 3.12 bytecode and runs it
model = keras.models.load_model("slice_py312.h5", safe_mode=False)

predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("predictions on Python 3.11:", predicted.round(3))
print("same predictions as on Python 3.12:", np.allclose(predicted, np.load("expected.npy")))
# --8<-- [end:code]
