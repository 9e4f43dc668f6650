# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"010_check_the_file_you_have.py" = ["lambda_model.keras", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

# Once, where the file is trusted: load it and export a SavedModel (a traced graph).
model = keras.models.load_model("lambda_model.keras", safe_mode=False)
model.export("served_model", verbose=False)

# Anywhere else: serve it with no Python code of the model and no unsafe loading.
served = keras.layers.TFSMLayer("served_model", call_endpoint="serve")
predicted = np.asarray(served(np.load("x_test.npy")))
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
