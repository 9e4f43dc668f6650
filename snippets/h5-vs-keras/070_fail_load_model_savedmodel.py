# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"060_check_export_savedmodel.py" = ["exported_model"]}
# ///
# --8<-- [start:code]
import keras

# keras.models.load_model() in Keras 3 reads .keras and .h5 files only.
keras.models.load_model("exported_model")
# --8<-- [end:code]
