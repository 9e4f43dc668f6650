# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"010_check_save_custom_functions.py" = ["fn_model.h5"]}
# ///
# --8<-- [start:code]
import keras

keras.models.load_model("fn_model.h5")
# --8<-- [end:code]
