# /// kb
# outcome = "ok"
# runtimes = ["keras3"]
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

for name in ("lambda_activation.h5", "lambda_activation.keras"):
    try:
        keras.models.load_model(name, safe_mode=False)
        print(name, "loads")
    except TypeError as e:  # its message quotes the bytecode: its last line, up to it
        last = str(e).splitlines()[-1]
        print(name, "fails:", type(e).__name__, last.split(", config=")[0].split(": {")[0])
# --8<-- [end:code]
