# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"keras2:012_check_keras2_saves_slicing.py" = ["keras2_slicing.h5"]}
# ///
# --8<-- [start:code]
import keras

keras.models.load_model("keras2_slicing.h5")
# --8<-- [end:code]
