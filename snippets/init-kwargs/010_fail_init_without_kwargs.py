# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras


class ScaleLayer(keras.layers.Layer):
    def __init__(self, factor):  # no **kwargs
        super().__init__()
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()  # includes name, trainable, dtype
        config.update({"factor": self.factor})
        return config


inputs = keras.Input(shape=(10,))
keras.Model(inputs, ScaleLayer(2)(inputs)).save("model.h5")
keras.models.load_model("model.h5", custom_objects={"ScaleLayer": ScaleLayer})
# --8<-- [end:code]
