# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"010_check_save_both.py" = ["lambda_model.keras"]}
# ///
# --8<-- [start:code]
import shutil

import keras

# A model of built-in layers only, saved as .h5; and the Lambda model of this page as .keras.
plain = keras.Sequential([keras.Input(shape=(10,)), keras.layers.Dense(1)])
plain.save("plain.h5")


def load(path):
    try:
        model = keras.models.load_model(path)
        print(f"{path}: loads, layers {[layer.__class__.__name__ for layer in model.layers]}")
    except Exception as exc:
        print(f"{path}: {type(exc).__name__}: {str(exc).splitlines()[0][:110]}")


shutil.copy("plain.h5", "renamed.keras")  # an HDF5 file under a .keras name
shutil.copy("lambda_model.keras", "renamed.h5")  # a zip under a .h5 name
with open("both.keras", "wb") as out:  # one file, two formats: HDF5 first, the zip after it
    for part in ("plain.h5", "lambda_model.keras"):
        with open(part, "rb") as f:
            out.write(f.read())
shutil.copy("both.keras", "both.h5")

for path in ["renamed.keras", "renamed.h5", "both.keras", "both.h5"]:
    load(path)
# --8<-- [end:code]
