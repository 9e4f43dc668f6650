# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import contextlib
import io
import os

import tf_keras as keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
with contextlib.redirect_stdout(io.StringIO()):  # export() lists its endpoints, with object ids
    model.export("models/my_model/1")  # tf-keras writes a SavedModel, its only format
print(sorted(os.listdir("models/my_model/1")))
# --8<-- [end:code]
