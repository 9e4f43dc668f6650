# /// kb
# outcome = "raises"
# exception = "NotImplementedError"
# runtimes = ["keras3>=3.15"]
# needs = {"keras3-jax:050_check_save_jax_backend.py" = ["jnp_lambda.keras"]}
# ///
# --8<-- [start:code]
import importlib.util

import keras

print("backend:", keras.backend.backend(), "| jax installed:", importlib.util.find_spec("jax") is not None)
keras.models.load_model("jnp_lambda.keras", safe_mode=False)  # a file you trust
# --8<-- [end:code]
