# --8<-- [start:code]
"""my_layers.py: the custom layers, in a module that training and serving both import."""
import keras
import tensorflow as tf


@keras.saving.register_keras_serializable(package="my_layers")
class PowerLayer(keras.layers.Layer):
    """Replaces Lambda(lambda y: tf.math.pow(y, 2))."""

    def __init__(self, power, **kwargs):
        super().__init__(**kwargs)
        self.power = power

    def call(self, inputs):
        return tf.math.pow(inputs, self.power)

    def get_config(self):
        config = super().get_config()
        config.update({"power": self.power})
        return config
# --8<-- [end:code]
