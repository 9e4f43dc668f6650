# /// kb
# outcome = "raises"
# exception = "KeyError"
# runtimes = ["keras3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
import h5py
from tensorflow import keras


def build():  # no name= given: Keras numbers the layers dense, dense_1, ...
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8), keras.layers.Dense(1)])


build().save("model.h5")

model = build()  # built again in the same session: its layers are now dense_2 and dense_3
print("the model's layers:", [layer.name for layer in model.layers])
with h5py.File("model.h5", "r") as f:  # code that reads the file by the model's names
    for layer in model.layers:
        group = f["model_weights"][layer.name]
# --8<-- [end:code]
