# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import tensorflow as tf


class Scale(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, Scale(tf.constant(2.0))(inputs))  # a tensor as an argument
model.save("model.h5")  # the config is written as JSON
# --8<-- [end:code]
