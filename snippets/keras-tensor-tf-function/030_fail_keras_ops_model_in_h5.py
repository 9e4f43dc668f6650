# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"020_fix_keras_ops_instead_of_lambda.py" = ["ops_model.h5"]}
# ///
# --8<-- [start:code]
import keras

# the same model in the legacy .h5 format, whose loader knows layers, not operations
keras.models.load_model("ops_model.h5")
# --8<-- [end:code]
