# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import subprocess

from tensorflow import keras  # Keras 2.15: the tensorflowjs converter reads its .h5

from keras_doctor import main

inputs = keras.layers.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
keras.Model(inputs, outputs).save("lambda_model.h5")
subprocess.run(["tensorflowjs_converter", "--input_format", "keras",
                "lambda_model.h5", "tfjs_model"], check=True, capture_output=True)

main(["tfjs_model/model.json"])  # keras-doctor tfjs_model/model.json
# --8<-- [end:code]
