# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import json
import zipfile

import keras
import numpy as np

weights = np.array([1.0, 2.0, 3.0], dtype="float32")
scale = 3.0  # a global name


def weighted(w):
    return keras.layers.Lambda(lambda x: x * w)  # `w` is a closure variable


inputs = keras.Input(shape=(3,))
keras.Model(inputs, weighted(weights)(inputs)).save("closure.keras")

inputs = keras.Input(shape=(3,))
keras.Model(inputs, keras.layers.Lambda(lambda x: x * scale)(inputs)).save("global.keras")

with zipfile.ZipFile("closure.keras") as archive:
    layers = json.loads(archive.read("config.json"))["config"]["layers"]
function = next(l for l in layers if l["class_name"] == "Lambda")["config"]["function"]
# Keras 3 stores {"class_name": "__lambda__", "config": {"code", "defaults", "closure"}};
# Keras 2.15 stores [code, defaults, closure]
closure = function["config"]["closure"] if isinstance(function, dict) else function[2]
print("stored closure:", closure)
# --8<-- [end:code]
