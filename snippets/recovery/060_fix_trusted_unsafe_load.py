# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"010_check_the_file_you_have.py" = ["lambda_model.keras", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

# ONLY for a file you trust: from here on, every load in this process may run
# bytecode stored in a model file.
keras.config.enable_unsafe_deserialization()
model = keras.models.load_model("lambda_model.keras")

predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
