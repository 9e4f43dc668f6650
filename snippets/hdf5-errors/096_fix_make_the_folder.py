# /// kb
# outcome = "ok"
# runtimes = ["keras3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
import os
from pathlib import Path

from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])

path = Path("checkpoints") / "model.weights.h5"  # one name, no ':' or tuple in it
path.parent.mkdir(parents=True, exist_ok=True)  # create the folder first
model.save_weights(path)
print(path, "is a file:", path.is_file())

# load by an absolute path, so the folder the script runs in does not matter
full = os.path.abspath(path)
model.load_weights(full)
print("loaded from an absolute path:", os.path.isabs(full))
# --8<-- [end:code]
