# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# [expect."keras3<3.15"]
# outcome = "ok"
# [expect."keras2"]
# outcome = "ok"
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

loaded = keras.models.load_model("lambda_model.h5")
print("loaded:", [type(layer).__name__ for layer in loaded.layers])
# --8<-- [end:code]
