# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # Keras 3, or Keras 2 on TensorFlow 2.15 / with tf-keras

from keras_doctor import main


class ScaleLayer(keras.layers.Layer):  # as in "The fix: a custom layer"
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = ScaleLayer(factor=2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.save("scale_model.h5")
model.save("scale_model.keras")

main(["scale_model.h5"])
print()
main(["scale_model.keras"])
# --8<-- [end:code]
