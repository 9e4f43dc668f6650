# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras2==2.15.*", "tf-keras>=2.21"]
# needs = {"070_check_keras2_saves_custom_functions.py" = ["fn_model_keras2.h5"]}
# ///
# --8<-- [start:code]
from tensorflow import keras

# a loading script that does not define swish_custom
keras.models.load_model("fn_model_keras2.h5")
# --8<-- [end:code]
