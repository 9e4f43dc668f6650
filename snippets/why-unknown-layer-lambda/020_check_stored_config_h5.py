# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import json

import h5py
import keras

inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
keras.Model(inputs, outputs).save("lambda_model.h5")

# Read what the file stores, without loading the model.
with h5py.File("lambda_model.h5", "r") as f:
    print("written by keras", f.attrs["keras_version"])
    layers = json.loads(f.attrs["model_config"])["config"]["layers"]



def shorten(value):  # long base64 strings cut for display
    if isinstance(value, str) and len(value) > 40:
        return value[:32] + "..."
    if isinstance(value, dict):
        return {k: shorten(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shorten(v) for v in value]
    return value


for layer in layers:
    if layer["class_name"] in ("Dense", "Lambda"):
        config = layer["config"]
        keep = {k: config[k] for k in ("name", "function", "units", "activation") if k in config}
        print(layer["class_name"], json.dumps(shorten(keep), indent=1))
# --8<-- [end:code]
