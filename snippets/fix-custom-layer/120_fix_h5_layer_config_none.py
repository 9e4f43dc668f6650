# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"105_check_old_h5_config_none.py" = ["old_model.h5"]}
# ///
# --8<-- [start:code]
import json

import h5py
import keras
import my_layers  # noqa: F401  (registers PowerLayer)
import numpy as np

# Write the config the layer should have saved: its name and its own arguments
# (the values the model was built with), then load as usual.
with h5py.File("old_model.h5", "r+") as f:
    config = json.loads(f.attrs["model_config"])
    for layer in config["config"]["layers"]:
        if layer["class_name"].endswith("PowerLayer") and layer["config"] is None:
            layer["config"] = {"name": layer.get("name", "power"), "power": 2}
    f.attrs["model_config"] = json.dumps(config)

model = keras.models.load_model("old_model.h5", compile=False)
print(model.predict(np.full((1, 3), 3.0), verbose=0))
# --8<-- [end:code]
