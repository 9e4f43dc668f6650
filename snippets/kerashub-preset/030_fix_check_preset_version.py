# /// kb
# outcome = "ok"
# runtimes = ["kerashub"]
# needs = {"kerashub>=0.32:010_check_save_preset.py" = ["qwen3_preset", "expected.npy"]}
# ///
# --8<-- [start:code]
import json

import keras
import keras_hub
import numpy as np
from packaging.version import Version

# metadata.json says which keras-hub wrote the preset: install that release or a newer one
saved_by = json.load(open("qwen3_preset/metadata.json"))["keras_hub_version"]
installed = keras_hub.__version__
print(f"preset saved by keras-hub {saved_by}, installed {installed}")
if Version(installed) < Version(saved_by):
    print(f"too old for this preset: pip install 'keras-hub>={saved_by}'")
else:
    backbone = keras_hub.models.Backbone.from_preset("qwen3_preset")
    inputs = {"token_ids": np.array([[1, 2, 3, 4]]), "padding_mask": np.array([[1, 1, 1, 1]])}
    same = np.allclose(keras.ops.convert_to_numpy(backbone(inputs)), np.load("expected.npy"), atol=1e-6)
    print(type(backbone).__name__, "loaded, same outputs:", same)
# --8<-- [end:code]
