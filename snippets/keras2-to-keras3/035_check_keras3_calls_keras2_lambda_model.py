# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"keras2:010_check_keras2_saves_models.py" = ["keras2_lambda.h5", "x_test.npy", "expected_lambda.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

# Trusted file only, as above; this time the model is called, not asked to predict
model = keras.models.load_model("keras2_lambda.h5", safe_mode=False)
x, expected = np.load("x_test.npy"), np.load("expected_lambda.npy")
print("model(x) equal:", np.allclose(model(x), expected))  # Keras 3 warns here
print("model([x]) equal:", np.allclose(model([x]), expected))  # the structure the file records
print("predict(x) equal:", np.allclose(model.predict(x, verbose=0), expected))
# --8<-- [end:code]
