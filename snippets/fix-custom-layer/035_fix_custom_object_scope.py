# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# needs = {"010_fix_scale_layer_custom_objects.py" = ["scale_model.keras", "scale_model.h5", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
from tensorflow import keras  # the Keras TensorFlow uses: Keras 3, tf-keras or Keras 2
import numpy as np


class ScaleLayer(keras.layers.Layer):  # the same class, defined in the loading script
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


# What the .h5 message asks for: a scope in which the name is known. Every load_model
# (and from_config, clone_model) inside the `with` block finds ScaleLayer.
with keras.utils.custom_object_scope({"ScaleLayer": ScaleLayer}):
    for path in ["scale_model.keras", "scale_model.h5"]:
        loaded = keras.models.load_model(path)
        same = np.array_equal(loaded.predict(np.load("x_test.npy"), verbose=0),
                              np.load("expected.npy"))
        print(f"{path}: loaded, identical predictions: {same}")
# --8<-- [end:code]
