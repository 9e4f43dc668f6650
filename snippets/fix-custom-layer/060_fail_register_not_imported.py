# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"040_fix_register_save.py" = ["power_model.keras"]}
# ///
# --8<-- [start:code]
import keras

# Registration happens when my_layers is imported; this process never imports it.
keras.models.load_model("power_model.keras")
# --8<-- [end:code]
