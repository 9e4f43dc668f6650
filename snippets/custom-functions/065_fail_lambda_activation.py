# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3"]
# [expect."keras3-next"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import json
import zipfile

import keras

inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, keras.layers.Dense(2, activation=lambda x: x * 2)(inputs))
model.save("lambda_activation.keras")
model.save("lambda_activation.h5")

with zipfile.ZipFile("lambda_activation.keras") as z:
    dense = json.loads(z.read("config.json"))["config"]["layers"][1]["config"]
print("stored activation:", sorted(dense["activation"]))  # bytecode, without a class name

try:
    keras.models.load_model("lambda_activation.h5", safe_mode=False)
except TypeError as e:
    print("the .h5:", type(e).__name__, str(e).split(" using config=")[0])

keras.models.load_model("lambda_activation.keras", safe_mode=False)
# --8<-- [end:code]
