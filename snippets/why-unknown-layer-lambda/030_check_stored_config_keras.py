# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import json
import zipfile

import keras

inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
keras.Model(inputs, outputs).save("lambda_model.keras")

# A .keras file is a zip: config.json (the architecture), metadata.json, weights.
with zipfile.ZipFile("lambda_model.keras") as z:
    print(sorted(z.namelist()))
    print("written by keras", json.loads(z.read("metadata.json"))["keras_version"])
    config = json.loads(z.read("config.json"))

lam = next(l for l in config["config"]["layers"] if l["class_name"] == "Lambda")
function = lam["config"]["function"]
function["config"]["code"] = function["config"]["code"][:32] + "..."
print(json.dumps(function, indent=1))
# --8<-- [end:code]
