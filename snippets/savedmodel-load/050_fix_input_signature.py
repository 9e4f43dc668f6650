# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf


class Scale(tf.Module):
    def __init__(self):
        super().__init__()
        self.factor = tf.Variable(2.0)

    # any batch size, float32: one function that every such call matches
    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
    def __call__(self, x):
        return x * self.factor


tf.saved_model.save(Scale(), "scale_module")
loaded = tf.saved_model.load("scale_module")
print(loaded(np.ones((2, 3), dtype=np.float32)).numpy())
# a SavedModel you cannot re-save: give it what it was traced with
print(loaded(tf.constant(np.ones((2, 3)), dtype=tf.float32)).shape)
# --8<-- [end:code]
