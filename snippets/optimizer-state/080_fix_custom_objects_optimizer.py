# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# needs = {"060_fix_save_custom_optimizer.py" = ["custom_optimizer.keras"]}
# ///
# --8<-- [start:code]
import keras
from my_optimizers import MyAdam  # importing the module registers the class

model = keras.models.load_model("custom_optimizer.keras")
print("optimizer:", type(model.optimizer).__name__, "steps:", int(model.optimizer.iterations))
# or without the registration: custom_objects={"Addons>MyAdam": MyAdam}
# --8<-- [end:code]
