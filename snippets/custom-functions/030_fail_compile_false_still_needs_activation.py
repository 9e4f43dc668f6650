# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"010_check_save_custom_functions.py" = ["fn_model.keras"]}
# ///
# --8<-- [start:code]
import keras

# compile=False skips the loss and metrics, not the layers' own functions
keras.models.load_model("fn_model.keras", compile=False)
# --8<-- [end:code]
