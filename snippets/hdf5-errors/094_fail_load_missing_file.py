# /// kb
# outcome = "raises"
# exception = "FileNotFoundError"
# runtimes = ["keras3", "tf-keras", "keras2"]
# [expect."tf-keras"]
# outcome = "raises"
# exception = "OSError"
# [expect."keras2"]
# outcome = "raises"
# exception = "OSError"
# ///
# --8<-- [start:code]
from tensorflow import keras

# a path relative to the folder the script runs in, not to the script
keras.models.load_model("saved_models/run_1/model.h5")
# --8<-- [end:code]
