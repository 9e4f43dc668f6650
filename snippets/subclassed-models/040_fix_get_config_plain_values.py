# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np


class Scale(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = float(factor)  # a tensor or NumPy value -> a Python float

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):  # JSON types only: numbers, strings, lists, dicts
        return {**super().get_config(), "factor": self.factor}


inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, Scale(np.float32(2.0))(inputs))
model.save("model.h5")
loaded = keras.models.load_model("model.h5", custom_objects={"Scale": Scale})
print("factor:", loaded.layers[1].factor, type(loaded.layers[1].factor).__name__)
# --8<-- [end:code]
