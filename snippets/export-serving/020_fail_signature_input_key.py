# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.0", "keras3>=3.15"]
# needs = {"010_check_export_layout.py" = ["models"]}
# ///
# --8<-- [start:code]
import tensorflow as tf

serving = tf.saved_model.load("models/my_model/1").signatures["serving_default"]
serving(images=tf.constant([[1.0, 2.0, 3.0, 4.0]]))  # a key the signature does not have
# --8<-- [end:code]
