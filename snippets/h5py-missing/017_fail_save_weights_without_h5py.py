# /// kb
# outcome = "raises"
# exception = "ImportError"
# runtimes = ["keras3-noh5py", "tf-keras-noh5py"]
# [expect."tf-keras-noh5py"]
# outcome = "raises"
# exception = "AttributeError"
# ///
# --8<-- [start:code]
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save_weights("model.weights.h5")
# --8<-- [end:code]
