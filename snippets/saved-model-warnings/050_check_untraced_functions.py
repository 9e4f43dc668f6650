# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.12.*", "keras2==2.15.*", "tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras


class Scale(keras.layers.Layer):  # a custom layer
    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.w


inputs = keras.Input(shape=(3, 4))
x = keras.layers.LSTM(4)(inputs)
x = keras.layers.Lambda(lambda t: t * 2.0)(x)  # a Lambda
model = keras.Model(inputs, Scale(name="scale")(x))

model.save("saved_model")  # no extension: the SavedModel format (a folder)
print("saved")
np.save("expected.npy", model(np.ones((1, 3, 4), "float32")).numpy())
# --8<-- [end:code]
