# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3"]
# ///
# --8<-- [start:code]
import os

import keras

path = "models/classifier.keras"  # relative: to the working directory, not to the script
print("exists:", os.path.exists(path))
keras.saving.load_model(path)
# --8<-- [end:code]
