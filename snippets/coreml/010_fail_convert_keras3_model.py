# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import os

os.environ["TQDM_DISABLE"] = "1"  # no progress bars: their timings differ from run to run

import coremltools as ct
import keras

model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])
ct.convert(model)
# --8<-- [end:code]
