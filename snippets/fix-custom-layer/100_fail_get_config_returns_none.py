# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.12.*", "keras2==2.15.*"]
# [expect."keras2<2.13"]
# outcome = "raises"
# exception = "AttributeError"
# ///
# --8<-- [start:code]
import keras


class ScaleLayer(keras.layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})  # no `return config`: it returns None


inputs = keras.Input(shape=(3,))
model = keras.Model(inputs, ScaleLayer()(inputs))
model.save("model.keras")  # today's Keras refuses at save time
# --8<-- [end:code]
