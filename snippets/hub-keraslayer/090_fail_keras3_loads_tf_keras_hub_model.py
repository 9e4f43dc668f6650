# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3-3.15.1"]
# needs = {"tf-keras:060_check_tf_keras_save_keraslayer.py" = ["hub_model.h5", "hub_module"]}
# # keras3-3.15.1: the project's .venv, the one Keras 3 environment with tf_keras and tensorflow_hub
# ///
# --8<-- [start:code]
# The tf-keras file, opened by Keras 3, with the custom object it asks for.
import keras
import tensorflow_hub as hub

keras.models.load_model("hub_model.h5", custom_objects={"KerasLayer": hub.KerasLayer})
# --8<-- [end:code]
