# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["tf-keras>=2.21"]
# needs = {"060_check_tf_keras_save_keraslayer.py" = ["hub_model.h5", "hub_module"]}
# ///
# --8<-- [start:code]
from tensorflow import keras

keras.models.load_model("hub_model.h5")
# --8<-- [end:code]
