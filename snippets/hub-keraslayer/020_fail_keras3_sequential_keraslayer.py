# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3-3.15.1", "tf-keras>=2.21"]
# needs = {"010_check_make_hub_module.py" = ["hub_module"]}
# scenario = "hub.KerasLayer added to a Sequential model"
# [expect."tf-keras"]
# outcome = "ok"
# # keras3-3.15.1: the project's .venv, the one Keras 3 environment with tf_keras and tensorflow_hub
# ///
# --8<-- [start:code]
import tensorflow_hub as hub
from tensorflow import keras  # Keras 3 unless TF_USE_LEGACY_KERAS=1 selects tf-keras

model = keras.Sequential([
    keras.Input(shape=(3,)),
    hub.KerasLayer("hub_module", output_key="output_0"),
])
print("built:", [type(layer).__name__ for layer in model.layers])
# --8<-- [end:code]
