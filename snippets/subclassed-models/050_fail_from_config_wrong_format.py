# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import json

import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
saved = json.loads(model.to_json())  # {"class_name": "Sequential", "config": {...}, ...}

# from_config wants the inner "config" part, not the whole serialized object
keras.Sequential.from_config(saved)
# --8<-- [end:code]
