# /// kb
# outcome = "raises"
# exception = "NotImplementedError"
# runtimes = ["keras3"]
# needs = {"010_check_save_pow_models.py" = ["pow_model.keras"]}
# ///
# --8<-- [start:code]
import keras
import tensorflow as tf  # imported here, and it does not help

keras.models.load_model("pow_model.keras", safe_mode=False)
# --8<-- [end:code]
