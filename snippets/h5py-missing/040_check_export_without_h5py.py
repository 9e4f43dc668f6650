# /// kb
# outcome = "ok"
# runtimes = ["keras3-noh5py"]
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tensorflow as tf


class Scale(keras.layers.Layer):  # a custom layer
    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.w


inputs = keras.Input(shape=(4,))
x = keras.layers.Lambda(lambda t: t * 2.0)(inputs)  # a Lambda
model = keras.Model(inputs, Scale()(x))

model.export("exported", verbose=False)  # a TensorFlow SavedModel: no HDF5, no h5py
served = tf.saved_model.load("exported")
x = np.ones((1, 4), "float32")
print("same output:", np.allclose(served.serve(x), model(x)))
# --8<-- [end:code]
