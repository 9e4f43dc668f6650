# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np


class Scale(keras.layers.Layer):
    """The Lambda as a layer: its settings are plain values that get_config returns."""

    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


inputs = keras.Input(shape=(3,))
model = keras.Model(inputs, Scale(3.0)(inputs))
model.save("scaled.keras")

restored = keras.models.load_model("scaled.keras", custom_objects={"Scale": Scale})
print(restored.predict(np.ones((1, 3), dtype="float32"), verbose=0))
# --8<-- [end:code]
