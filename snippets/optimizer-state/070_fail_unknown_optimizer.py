# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# needs = {"060_fix_save_custom_optimizer.py" = ["custom_optimizer.h5"]}
# [expect."keras3-next"]
# outcome = "raises"
# exception = "TypeError"
# ///
# --8<-- [start:code]
import keras

# a new program that does not import my_optimizers
keras.models.load_model("custom_optimizer.h5")
# --8<-- [end:code]
