# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import json

import h5py
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("model.h5")

with h5py.File("model.h5", "r") as f:
    value = f.attrs["model_config"]
    if isinstance(value, bytes):  # h5py 2 gave bytes, h5py 3 gives str: accept both
        value = value.decode("utf-8")
    print("layers:", [layer["class_name"] for layer in json.loads(value)["config"]["layers"]])

print(keras.models.load_model("model.h5").name)  # what current Keras does: it loads
# --8<-- [end:code]
