# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.12.*", "tf-keras>=2.21", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras


class Scale(keras.layers.Layer):  # a custom layer with a weight
    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.scale


# the pretrained file: a backbone and a head for 3 classes
pretrained = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(8, name="features"),
    keras.layers.Dense(3, name="head"),
])
pretrained.save("pretrained.h5")

# the new model: the same backbone, a Lambda, a custom layer, a head for 5 classes
model = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(8, name="features"),
    keras.layers.Lambda(lambda t: t * 2.0, name="double"),
    Scale(name="scale"),
    keras.layers.Dense(5, name="head"),
])
# the public API for what load_weights_from_hdf5_group_by_name did: match layers by name,
# skip the ones whose shapes differ
model.load_weights("pretrained.h5", by_name=True, skip_mismatch=True)

same = lambda name: all(np.array_equal(a, b) for a, b in zip(
    model.get_layer(name).get_weights(), pretrained.get_layer(name).get_weights()))
print("features loaded:", same("features"))
print("head loaded:", same("head"))
print("scale (not in the file) keeps its initial value:", model.get_layer("scale").get_weights()[0])
# --8<-- [end:code]
