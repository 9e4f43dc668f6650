# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras

from keras_doctor import main

inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
keras.Model(inputs, outputs).export("lambda_savedmodel", verbose=False)

main(["lambda_savedmodel"])  # keras-doctor lambda_savedmodel
# --8<-- [end:code]
