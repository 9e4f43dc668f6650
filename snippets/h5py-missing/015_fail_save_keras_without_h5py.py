# /// kb
# outcome = "raises"
# exception = "ImportError"
# runtimes = ["keras3-noh5py", "tf-keras-noh5py"]
# ///
# --8<-- [start:code]
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("model.keras")  # a zip, but the weights inside it are an HDF5 file
# --8<-- [end:code]
