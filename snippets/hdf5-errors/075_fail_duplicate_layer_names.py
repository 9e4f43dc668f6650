# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras

inputs = keras.Input(shape=(4,))
x = keras.layers.Dense(3, name="dense")(inputs)
outputs = keras.layers.Dense(1, name="dense")(x)  # two layers, one name
keras.Model(inputs, outputs)
# --8<-- [end:code]
