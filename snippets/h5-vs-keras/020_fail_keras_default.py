# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_save_both.py" = ["lambda_model.keras"]}
# ///
# --8<-- [start:code]
import keras

keras.models.load_model("lambda_model.keras")
# --8<-- [end:code]
