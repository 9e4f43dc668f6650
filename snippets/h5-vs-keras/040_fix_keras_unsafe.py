# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_save_both.py" = ["lambda_model.keras", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

# Only for a file you trust: this runs the bytecode stored in the file.
model = keras.models.load_model("lambda_model.keras", safe_mode=False)

predicted = model.predict(np.load("x_test.npy"), verbose=0)
expected = np.load("expected.npy")
print("identical predictions:", np.array_equal(predicted, expected))
print("max abs difference:", float(np.max(np.abs(predicted - expected))))
# --8<-- [end:code]
