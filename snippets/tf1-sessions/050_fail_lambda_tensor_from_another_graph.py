# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import tensorflow as tf
from tensorflow import keras

tf.compat.v1.disable_eager_execution()

scale = tf.constant(2.0)  # made at import time, in the default graph

graph = tf.Graph()
with graph.as_default():  # the model is built (or loaded) in another graph
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Lambda(lambda t: t * scale, name="scale"),  # the Lambda captured a tensor of the first
    ])
# --8<-- [end:code]
