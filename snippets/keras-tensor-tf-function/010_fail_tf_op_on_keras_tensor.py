# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras
import tensorflow as tf

# Keras 2 code: a TensorFlow op on a layer's output
# (Keras 2 wrapped it in a TFOpLambda layer; Keras 3 does not)
inputs = keras.Input(shape=(10,))
hidden = keras.layers.Dense(32, activation="relu")(inputs)
x = tf.math.pow(hidden, 2)
# --8<-- [end:code]
