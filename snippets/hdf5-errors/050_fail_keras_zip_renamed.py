# /// kb
# outcome = "raises"
# exception = "OSError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import os

import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("model.keras")  # a zip file
os.rename("model.keras", "model.h5")  # renamed: the name says HDF5, the bytes do not

keras.models.load_model("model.h5")
# --8<-- [end:code]
