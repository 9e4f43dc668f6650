# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3>=3.3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
from tensorflow import keras


class FrozenBN(keras.layers.BatchNormalization):  # the class that wrote the file
    def __init__(self, freeze=False, **kwargs):
        super().__init__(**kwargs)
        self.freeze = freeze

    def get_config(self):
        return {**super().get_config(), "freeze": self.freeze}


inputs = keras.Input(shape=(4,))
keras.Model(inputs, FrozenBN(freeze=True)(inputs)).save("model.h5")

# the loader is given another class, which has no `freeze` argument
keras.models.load_model("model.h5", custom_objects={"FrozenBN": keras.layers.BatchNormalization})
# --8<-- [end:code]
