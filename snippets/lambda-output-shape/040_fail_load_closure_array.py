# /// kb
# outcome = "raises"
# exception = "NotImplementedError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"030_check_save_closure_and_global.py" = ["closure.keras"]}
# [expect."keras2"]
# outcome = "raises"
# exception = "TypeError"
# ///
# --8<-- [start:code]
import keras

model = keras.models.load_model("closure.keras", safe_mode=False)  # a file you trust
# --8<-- [end:code]
