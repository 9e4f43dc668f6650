# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import os

os.environ["TQDM_DISABLE"] = "1"

import coremltools as ct
import keras

model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])
try:
    ct.convert(model, source="tensorflow")  # its Keras path was written for tf.keras (Keras 2)
except Exception as exc:  # printed as Python prints it when it is not caught
    print(f"{type(exc).__name__}: {exc}")
# --8<-- [end:code]
