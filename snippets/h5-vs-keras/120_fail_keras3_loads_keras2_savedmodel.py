# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15"]
# needs = {"keras2:080_check_keras2_savedmodel_custom_layer.py" = ["scale_savedmodel"]}
# ///
# --8<-- [start:code]
import keras  # Keras 3, given the directory Keras 2.15 saved

keras.models.load_model("scale_savedmodel")
# --8<-- [end:code]
