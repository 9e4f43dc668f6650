# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import json

import h5py
import keras
from my_layers import PowerLayer

inputs = keras.Input(shape=(3,))
keras.Model(inputs, PowerLayer(2, name="power")(inputs)).save("old_model.h5")

# Old Keras saved a get_config that returned None as it was: "config": null.
# Today's Keras refuses to, so write it into the file by hand.
with h5py.File("old_model.h5", "r+") as f:
    config = json.loads(f.attrs["model_config"])
    for layer in config["config"]["layers"]:
        if layer["class_name"].endswith("PowerLayer"):
            layer["config"] = None
    f.attrs["model_config"] = json.dumps(config)
# --8<-- [end:code]
