# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# needs = {"060_fix_save_custom_optimizer.py" = ["custom_optimizer.h5"]}
# [expect."keras2"]
# outcome = "ok"
# [expect."keras3-next"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras
from my_optimizers import MyAdam  # the optimizer is known this time

model = keras.models.load_model("custom_optimizer.h5")
print("optimizer:", type(model.optimizer).__name__, "steps:", int(model.optimizer.iterations))
# --8<-- [end:code]
