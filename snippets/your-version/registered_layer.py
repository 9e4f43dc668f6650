"""A custom layer registered with Keras, in a module of its own: the loader finds it only
when something imports this module first."""
from tensorflow import keras

# keras.saving has it from Keras 2.13; Keras 2.12 (and tf.keras of Keras 3.0-3.2) only
# keras.utils
register = getattr(getattr(keras, "saving", None), "register_keras_serializable", None) or \
    keras.utils.register_keras_serializable


@register(package="kb")
class Twice(keras.layers.Layer):
    def call(self, inputs):
        return inputs * 2.0
