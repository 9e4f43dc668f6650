# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # the Keras TensorFlow uses: Keras 3, tf-keras or Keras 2
import numpy as np


class ScaleLayer(keras.layers.Layer):
    """Replaces Lambda(lambda y: y * 2): the factor is config, the code is this class."""

    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = ScaleLayer(factor=2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
expected = model.predict(x_test, verbose=0)
np.save("x_test.npy", x_test)
np.save("expected.npy", expected)
model.save("scale_model.keras")
model.save("scale_model.h5")

for path in ["scale_model.keras", "scale_model.h5"]:
    loaded = keras.models.load_model(path, custom_objects={"ScaleLayer": ScaleLayer})
    same = np.array_equal(loaded.predict(x_test, verbose=0), expected)
    print(f"{path}: loaded, identical predictions: {same}")
# --8<-- [end:code]
