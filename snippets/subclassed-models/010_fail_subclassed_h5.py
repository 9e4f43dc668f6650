# /// kb
# outcome = "raises"
# exception = "NotImplementedError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# [expect."keras3"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras
import numpy as np


class Net(keras.Model):  # a subclassed model: its graph is the body of call()
    def __init__(self, units=3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden = keras.layers.Dense(units)
        self.out = keras.layers.Dense(1)

    def call(self, inputs):
        return self.out(self.hidden(inputs))


model = Net()
model(np.ones((1, 4), "float32"))
model.save("net.h5")
print("saved net.h5")
# --8<-- [end:code]
