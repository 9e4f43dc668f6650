# /// kb
# outcome = "raises"
# exception = "NotImplementedError"
# runtimes = ["keras3"]
# needs = {"010_check_save_pow_models.py" = ["pow_model.keras"]}
# ///
# --8<-- [start:code]
import keras
import tensorflow as tf

# custom_objects does not reach the lambda's globals either
keras.models.load_model("pow_model.keras", safe_mode=False, custom_objects={"tf": tf})
# --8<-- [end:code]
