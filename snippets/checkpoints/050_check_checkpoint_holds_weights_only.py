# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf
from tensorflow import keras


class Scale(keras.layers.Layer):  # a custom layer with a weight
    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.scale


def build():
    inputs = keras.Input(shape=(4,))
    x = keras.layers.Dense(2, name="dense")(inputs)
    x = keras.layers.Lambda(lambda t: t * 2.0, name="double")(x)  # a Lambda: no weights
    return keras.Model(inputs, Scale(name="scale")(x))


model = build()
model.layers[-1].scale.assign([3.0, 4.0])
model.save_weights("ckpts/ckpt")  # TensorFlow checkpoint format (no .h5, no .keras)
for name, shape in tf.train.list_variables("ckpts/ckpt"):
    print(name, shape)

x = np.ones((1, 4), "float32")
np.save("x.npy", x)
np.save("expected.npy", model(x).numpy())
# --8<-- [end:code]
