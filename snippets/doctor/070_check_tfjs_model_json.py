# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # Keras 2.15: the tensorflowjs converter reads its .h5
# what the tensorflowjs_converter command runs, called in this process:
from tensorflowjs.converters.converter import dispatch_keras_h5_to_tfjs_layers_model_conversion

from keras_doctor import main

inputs = keras.layers.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
keras.Model(inputs, outputs).save("lambda_model.h5")
# tensorflowjs_converter --input_format keras lambda_model.h5 tfjs_model:
dispatch_keras_h5_to_tfjs_layers_model_conversion("lambda_model.h5", "tfjs_model")

main(["tfjs_model/model.json"])  # keras-doctor tfjs_model/model.json
# --8<-- [end:code]
