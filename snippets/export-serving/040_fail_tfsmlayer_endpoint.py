# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.10.0", "keras3>=3.15"]
# needs = {"010_check_export_layout.py" = ["models"]}
# ///
# --8<-- [start:code]
import keras

keras.layers.TFSMLayer("models/my_model/1", call_endpoint="predict")
# --8<-- [end:code]
