# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import importlib.util

import keras
import tensorflow as tf

# tf.keras is whichever library TensorFlow picks (TF_USE_LEGACY_KERAS=1: tf-keras)
print("tf.keras is", tf.keras.layers.Dense.__module__.split(".")[0])
print("import keras is", keras.layers.Dense.__module__.split(".")[0], keras.__version__)
print("tf_keras installed:", importlib.util.find_spec("tf_keras") is not None)
# --8<-- [end:code]
