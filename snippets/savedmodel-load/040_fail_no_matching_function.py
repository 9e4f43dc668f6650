# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf


class Scale(tf.Module):
    def __init__(self):
        super().__init__()
        self.factor = tf.Variable(2.0)

    @tf.function  # no input_signature: only the calls traced before saving are kept
    def __call__(self, x):
        return x * self.factor


module = Scale()
module(tf.ones((1, 3)))  # traced once: float32, shape (1, 3)
tf.saved_model.save(module, "scale_module")

loaded = tf.saved_model.load("scale_module")
print(loaded(tf.ones((1, 3))).numpy())
loaded(np.ones((2, 3)))  # float64, two rows: no saved function matches
# --8<-- [end:code]
