# /// kb
# outcome = "raises"
# exception = "NotImplementedError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_save_pow_models.py" = ["pow_model.keras"]}
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras
import tensorflow as tf

# custom_objects does not reach the lambda's globals either
loaded = keras.models.load_model("pow_model.keras", safe_mode=False, custom_objects={"tf": tf})
print("loaded:", [type(layer).__name__ for layer in loaded.layers])
# --8<-- [end:code]
