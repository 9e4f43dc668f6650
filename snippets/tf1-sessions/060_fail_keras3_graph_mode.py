# /// kb
# outcome = "raises"
# exception = "RuntimeError"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf
import keras

tf.compat.v1.disable_eager_execution()  # TF1 code carried over to Keras 3

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, name="dense_1")])
model.predict(np.ones((1, 4), "float32"), verbose=0)
# --8<-- [end:code]
