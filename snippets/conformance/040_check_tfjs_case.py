# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # Keras 2.15: the tensorflowjs converter reads its .h5
# what the tensorflowjs_converter command runs, called in this process:
from tensorflowjs.converters.converter import dispatch_keras_h5_to_tfjs_layers_model_conversion

from case import case, report

inputs = keras.layers.Input(shape=(4,))
x = keras.layers.Dense(2, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
keras.Model(inputs, keras.layers.Dense(1)(x)).save("lambda_model.h5")
# tensorflowjs_converter --input_format keras lambda_model.h5 <case folder>:
dispatch_keras_h5_to_tfjs_layers_model_conversion("lambda_model.h5", case("tfjs-lambda"))
report("tfjs-lambda", "model.json")
# --8<-- [end:code]
