# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"keras3-jax:050_check_save_jax_backend.py" = ["jax_ops_layer.keras", "x.npy", "jax_ops_layer_expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

import ops_layers  # noqa: F401

print("backend:", keras.backend.backend())
model = keras.models.load_model("jax_ops_layer.keras")
same = np.allclose(model.predict(np.load("x.npy"), verbose=0), np.load("jax_ops_layer_expected.npy"), atol=1e-6)
print("same predictions as under JAX:", same)
# --8<-- [end:code]
