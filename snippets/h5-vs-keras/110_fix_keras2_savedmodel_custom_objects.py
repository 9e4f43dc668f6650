# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*"]
# needs = {"080_check_keras2_savedmodel_custom_layer.py" = ["scale_savedmodel_no_traces", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras


class ScaleLayer(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


model = keras.models.load_model("scale_savedmodel_no_traces",
                                custom_objects={"ScaleLayer": ScaleLayer})
print("class:", type(model.layers[-1]).__name__, "factor:", model.layers[-1].factor)
print("identical predictions:",
      np.array_equal(model.predict(np.load("x_test.npy"), verbose=0), np.load("expected.npy")))
# --8<-- [end:code]
