# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"010_check_save_custom_functions.py" = ["fn_model.keras"]}
# ///
# --8<-- [start:code]
import keras


def swish_custom(x):
    return x * keras.ops.sigmoid(x)


# the activation is found now; the loss is next
keras.models.load_model("fn_model.keras", custom_objects={"swish_custom": swish_custom})
# --8<-- [end:code]
