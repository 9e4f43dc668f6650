# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras


class Scaler:  # a plain Python object: Keras cannot write it into a config
    def __init__(self, factor):
        self.factor = factor


inputs = keras.Input(shape=(3,))
outputs = keras.layers.Lambda(
    lambda x, scaler: x * scaler.factor, arguments={"scaler": Scaler(3.0)})(inputs)
model = keras.Model(inputs, outputs)
model.save("scaled.keras")
# --8<-- [end:code]
