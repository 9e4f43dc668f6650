# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np


@keras.saving.register_keras_serializable()
class Net(keras.Model):
    def __init__(self, units=3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden = keras.layers.Dense(units)
        self.out = keras.layers.Dense(1)

    def call(self, inputs):
        return self.out(self.hidden(inputs))

    def get_config(self):  # the constructor's arguments, as plain values
        return {**super().get_config(), "units": self.units}


x = np.ones((2, 4), "float32")
model = Net(units=3)
model(x)
model.save("net.keras")  # the whole model: config + weights, the class found by its name
model.save_weights("net.weights.h5")  # or the weights only, for a model built by code

loaded = keras.models.load_model("net.keras")
rebuilt = Net(units=3)
rebuilt(x)  # build it, then load the weights
rebuilt.load_weights("net.weights.h5")
print("same predictions:", np.allclose(loaded(x), model(x)), np.allclose(rebuilt(x), model(x)))
# --8<-- [end:code]
