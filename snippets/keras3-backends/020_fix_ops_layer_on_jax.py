# /// kb
# outcome = "ok"
# runtimes = ["keras3-jax"]
# needs = {"keras3:010_check_save_tensorflow_backend.py" = ["ops_layer.keras", "x.npy", "ops_layer_expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

import ops_layers  # noqa: F401  (registers Softplus2, as on the writing side)

print("backend:", keras.backend.backend())
model = keras.models.load_model("ops_layer.keras")
same = np.allclose(model.predict(np.load("x.npy"), verbose=0), np.load("ops_layer_expected.npy"), atol=1e-6)
print("same predictions as under TensorFlow:", same)
# --8<-- [end:code]
