# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3"]
# ///
# --8<-- [start:code]
import keras
import numpy as np

inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.save("lambda_model.h5")

keras.models.load_model("lambda_model.h5")
# --8<-- [end:code]
