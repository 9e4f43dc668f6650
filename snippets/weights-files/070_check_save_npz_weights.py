# /// kb
# outcome = "ok"
# runtimes = ["keras3-3.15.1"]
# ///
# --8<-- [start:code]
import zipfile

import keras
from keras.src.saving import saving_lib  # model.save() has no weights_format; this does

inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, keras.layers.Dense(2)(inputs))
saving_lib.save_model(model, "npz_weights.keras", weights_format="npz")
print(sorted(zipfile.ZipFile("npz_weights.keras").namelist()))
# --8<-- [end:code]
