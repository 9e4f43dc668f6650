# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"keras2:010_check_keras2_saves_models.py" = ["keras2_lambda.h5", "x_test.npy", "expected_lambda.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

# Trusted file only: runs the Keras 2 lambda's bytecode (same Python version: 3.11)
model = keras.models.load_model("keras2_lambda.h5", safe_mode=False)
predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected_lambda.npy")))
# --8<-- [end:code]
