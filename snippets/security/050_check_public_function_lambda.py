# /// kb
# outcome = "ok"
# runtimes = ["keras3"]
# ///
# --8<-- [start:code]
import json
import zipfile

import keras
import numpy as np

# A .keras file whose Lambda names a public Keras function instead of carrying code:
# {"module": "keras.visualization", "config": "plot_image_gallery"}. Made here from a plain
# model by editing its config.json, as an attacker would. Harmless: nothing is written, the
# functions stop at their first check (no matplotlib, no model), and the run prints where.
inputs = keras.Input(shape=(4,))
keras.Model(inputs, keras.layers.Lambda(lambda x: x, output_shape=(4,))(inputs)).save("plain.keras")
with zipfile.ZipFile("plain.keras") as z:
    files = {name: z.read(name) for name in z.namelist()}
config = json.loads(files["config.json"])
(lam,) = [layer for layer in config["config"]["layers"] if layer["class_name"] == "Lambda"]

for module, name in [("keras.visualization", "plot_image_gallery"), ("keras.utils", "plot_model")]:
    lam["config"]["function"] = {"module": module, "class_name": "function", "config": name,
                                 "registered_name": "function"}
    files["config.json"] = json.dumps(config).encode()
    with zipfile.ZipFile(f"{name}.keras", "w") as z:
        for member, data in files.items():
            z.writestr(member, data)
    try:
        model = keras.models.load_model(f"{name}.keras", safe_mode=True)
    except Exception as exc:
        print(f"{module}.{name}: does not load under safe_mode=True: {type(exc).__name__}: "
              f"{str(exc).splitlines()[0]}")
        continue
    function = model.layers[-1].function
    print(f"{module}.{name}: loads under safe_mode=True; the Lambda calls "
          f"{function.__module__}.{function.__name__}")
    try:
        model(np.zeros((1, 4), "float32"))
    except Exception as exc:  # the function ran: its own error, inside Lambda.call()
        lines = [ln.strip("\x1b[1m").strip("\x1b[0m") for ln in str(exc).splitlines() if ln.strip()]
        print(f"  calling the model ran it: {type(exc).__name__}: {lines[1]}")
# --8<-- [end:code]
