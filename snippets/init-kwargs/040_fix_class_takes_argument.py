# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
from tensorflow import keras


class FrozenBN(keras.layers.BatchNormalization):
    def __init__(self, freeze=False, **kwargs):
        super().__init__(**kwargs)
        self.freeze = freeze

    def get_config(self):
        return {**super().get_config(), "freeze": self.freeze}


inputs = keras.Input(shape=(4,))
keras.Model(inputs, FrozenBN(freeze=True)(inputs)).save("model.h5")

# the class that wrote the file, or any class whose __init__ takes every key of the config
loaded = keras.models.load_model("model.h5", custom_objects={"FrozenBN": FrozenBN})
print(type(loaded.layers[-1]).__name__, "freeze =", loaded.layers[-1].freeze)
# --8<-- [end:code]
