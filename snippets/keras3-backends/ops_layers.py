# --8<-- [start:code]
# ops_layers.py: a custom layer written with keras.ops only, so it runs on every backend
import keras
from keras import ops


@keras.saving.register_keras_serializable(package="demo")
class Softplus2(keras.layers.Layer):
    """softplus(x) * scale, with a trainable scale."""

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")

    def call(self, x):
        return ops.softplus(x) * self.scale
# --8<-- [end:code]
