# /// kb
# outcome = "raises"
# exception = "IsADirectoryError"
# runtimes = ["keras3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
import os

from tensorflow import keras

os.makedirs("model.h5")  # a folder of that name (say, left by an earlier export)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("model.h5")
# --8<-- [end:code]
