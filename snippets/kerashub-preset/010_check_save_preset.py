# /// kb
# outcome = "ok"
# runtimes = ["kerashub>=0.32"]
# ///
# --8<-- [start:code]
import json
import os

import keras
import keras_hub
import numpy as np

# A tiny Qwen3 backbone (random weights, nothing downloaded) saved as a preset directory,
# the layout of a Kaggle / Hugging Face keras-hub preset
keras.utils.set_random_seed(0)
backbone = keras_hub.models.Qwen3Backbone(
    vocabulary_size=20, num_layers=1, num_query_heads=2, num_key_value_heads=1,
    head_dim=4, hidden_dim=8, intermediate_dim=16)
backbone.save_to_preset("qwen3_preset")

inputs = {"token_ids": np.array([[1, 2, 3, 4]]), "padding_mask": np.array([[1, 1, 1, 1]])}
np.save("expected.npy", keras.ops.convert_to_numpy(backbone(inputs)))
print(json.load(open("qwen3_preset/metadata.json"))["keras_hub_version"], "wrote",
      sorted(os.listdir("qwen3_preset")))
# --8<-- [end:code]
