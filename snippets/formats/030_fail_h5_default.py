# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3"]
# needs = {"010_check_save_both.py" = ["lambda_model.h5"]}
# ///
# --8<-- [start:code]
import keras

keras.models.load_model("lambda_model.h5")
# --8<-- [end:code]
