# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# needs = {"060_fix_save_custom_optimizer.py" = ["custom_optimizer.keras"]}
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras

# a new program that does not import my_optimizers; the file names the module
model = keras.models.load_model("custom_optimizer.keras")
print("optimizer:", type(model.optimizer).__name__, "steps:", int(model.optimizer.iterations))
# --8<-- [end:code]
