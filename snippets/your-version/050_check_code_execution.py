# /// kb
# outcome = "ok"
# runtimes = ["keras3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
import os
import sys

import numpy as np
from scan import first_line, keras

# Does loading a file run code from it, with the default settings? Each canary only leaves
# an empty file in this snippet's own temporary directory.


def fired(*names):
    found = [n for n in names if os.path.exists(n)]
    for n in found:
        os.remove(n)
    return ", ".join(found) or "no canary"


def model_with(layer):
    inputs = keras.Input(shape=(4,))
    return keras.Model(inputs, layer(inputs))


def load(case, path):
    try:
        keras.models.load_model(path)
        result = "loads"
    except Exception as exc:
        result = f"fails: {first_line(exc)}"
    print(f"{case}: {result}; fired: {fired('canary_lambda', 'canary_imported', 'canary_called')}")


# 1. a Python lambda that writes a file, saved as .h5 and .keras
canary = keras.layers.Lambda(lambda y: (open("canary_lambda", "w").close(), y)[1])
m = model_with(canary)
for ext in ("h5", "keras"):
    m.save(f"lambda_canary.{ext}")
fired("canary_lambda")  # building and saving the model called it; start clean
for ext in ("h5", "keras"):
    load(f"Lambda(lambda) in .{ext}, default", f"lambda_canary.{ext}")

# 2. config.json naming a module (canary_mod: importing it, or calling its touch(), leaves a
#    file): a Lambda wrapping its function, and a layer class of it that no loader knows
import canary_mod  # noqa: E402

model_with(keras.layers.Lambda(canary_mod.touch)).save("function_canary.keras")
model_with(canary_mod.Probe()).save("class_canary.keras")
sys.modules.pop("canary_mod", None)
fired("canary_imported", "canary_called")
load("Lambda(module function) in .keras, default", "function_canary.keras")
sys.modules.pop("canary_mod", None)
load("a layer class of an unknown module in .keras, default", "class_canary.keras")

# 3. a Lambda's config deserialized outside load_model (no safe-mode scope), then called
config = keras.layers.serialize(canary)
fired("canary_lambda")
try:
    layer = keras.layers.deserialize(config)
    layer(np.zeros((1, 4), "float32"))
    result = "loads and runs"
except Exception as exc:
    result = f"fails: {first_line(exc)}"
print(f"keras.layers.deserialize(Lambda config), then call: {result}; fired: {fired('canary_lambda')}")
try:
    layer = keras.layers.Lambda.from_config(config["config"])
    layer(np.zeros((1, 4), "float32"))
    result = "loads and runs"
except Exception as exc:
    result = f"fails: {first_line(exc)}"
print(f"Lambda.from_config(its config), then call: {result}; fired: {fired('canary_lambda')}")
# --8<-- [end:code]
