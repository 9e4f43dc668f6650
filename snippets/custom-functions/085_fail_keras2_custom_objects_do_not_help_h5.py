# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras2==2.15.*", "tf-keras>=2.21"]
# needs = {"070_check_keras2_saves_custom_functions.py" = ["fn_model_keras2.h5"]}
# ///
# --8<-- [start:code]
import tensorflow as tf
from tensorflow import keras


def swish_custom(x):
    return x * tf.math.sigmoid(x)


# The activation was written as {'class_name': 'function', 'config': 'swish_custom', ...};
# this Keras's .h5 reader looks up 'function', so naming swish_custom does not help.
keras.models.load_model(
    "fn_model_keras2.h5", custom_objects={"swish_custom": swish_custom}, compile=False)
# --8<-- [end:code]
