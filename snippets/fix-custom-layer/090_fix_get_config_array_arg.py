# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # the Keras TensorFlow uses: Keras 3, tf-keras or Keras 2
import numpy as np


class OffsetLayer(keras.layers.Layer):
    def __init__(self, offsets, **kwargs):
        super().__init__(**kwargs)
        self.offsets = np.asarray(offsets, dtype="float32")

    def call(self, inputs):
        return inputs + self.offsets

    def get_config(self):
        config = super().get_config()
        config.update({"offsets": self.offsets.tolist()})  # JSON-friendly
        return config


inputs = keras.Input(shape=(3,))
model = keras.Model(inputs, OffsetLayer(np.array([1.0, 2.0, 3.0]))(inputs))
model.save("model.keras")
loaded = keras.models.load_model("model.keras", custom_objects={"OffsetLayer": OffsetLayer})
x = np.zeros((1, 3), dtype="float32")
print("identical predictions:", np.array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0)))
# --8<-- [end:code]
