# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# needs = {"010_check_save_savedmodel.py" = ["saved_model_dir", "x.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf

loaded = tf.saved_model.load("saved_model_dir")  # a TensorFlow object, not a Keras model
print(type(loaded).__name__)
loaded.predict(np.load("x.npy"))
# --8<-- [end:code]
