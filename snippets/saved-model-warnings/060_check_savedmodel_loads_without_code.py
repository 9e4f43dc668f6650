# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.12.*", "keras2==2.15.*", "tf-keras>=2.21"]
# needs = {"050_check_untraced_functions.py" = ["saved_model", "expected.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

# a new process: neither the Scale class nor the Lambda's function is defined here
loaded = keras.models.load_model("saved_model")
print([type(layer).__name__ for layer in loaded.layers])
print("same output:", np.allclose(loaded(np.ones((1, 3, 4), "float32")), np.load("expected.npy")))
# --8<-- [end:code]
