# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras

from keras_doctor import main

# A model of built-in layers, saved by this Keras (3.15) as .keras
model = keras.Sequential([keras.Input(shape=(10,)), keras.layers.Dense(1)])
model.save("plain_model.keras")

# Which Keras will load it? keras-doctor plain_model.keras --keras 3.12
main(["plain_model.keras", "--keras", "3.12"])
# --8<-- [end:code]
