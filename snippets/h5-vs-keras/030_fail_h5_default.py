# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_save_both.py" = ["lambda_model.h5"]}
# [expect."keras3<3.15"]
# outcome = "ok"
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras

loaded = keras.models.load_model("lambda_model.h5")
print("loaded:", [type(layer).__name__ for layer in loaded.layers])
# --8<-- [end:code]
