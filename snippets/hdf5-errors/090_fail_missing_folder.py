# /// kb
# outcome = "raises"
# exception = "FileNotFoundError"
# runtimes = ["keras3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
# h5py creates the file, not the folders above it: "checkpoints/" does not exist
model.save_weights("checkpoints/model.weights.h5")
# --8<-- [end:code]
