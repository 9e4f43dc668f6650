"""A harmless canary: importing this module, or calling touch(), leaves an empty file in the
current directory (the snippet's own temporary directory), and nothing else."""
from tensorflow import keras

open("canary_imported", "w").close()


def touch(y):
    open("canary_called", "w").close()
    return y


class Probe(keras.layers.Layer):
    """A layer class that no loader knows: finding it means importing this module."""

    def call(self, inputs):
        return inputs
