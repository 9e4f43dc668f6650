# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np


class ScaleLayer(keras.layers.Layer):
    def __init__(self, factor, **kwargs):  # accept name, trainable, dtype...
        super().__init__(**kwargs)  # ...and hand them to Layer
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


inputs = keras.Input(shape=(10,))
model = keras.Model(inputs, ScaleLayer(2)(inputs))
for path in ["model.h5", "model.keras"]:
    model.save(path)
    loaded = keras.models.load_model(path, custom_objects={"ScaleLayer": ScaleLayer})
    x = np.ones((1, 10), dtype="float32")
    same = np.array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0))
    print(f"{path}: loaded, identical predictions: {same}")
# --8<-- [end:code]
