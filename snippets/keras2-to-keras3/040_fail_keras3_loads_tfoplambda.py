# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15"]
# needs = {"keras2:010_check_keras2_saves_models.py" = ["keras2_tfop.h5"]}
# ///
# --8<-- [start:code]
import keras

keras.models.load_model("keras2_tfop.h5")
# --8<-- [end:code]
