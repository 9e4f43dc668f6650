# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import subprocess

from tensorflow import keras  # Keras 2.15: the tensorflowjs converter reads its .h5

from case import case, report

inputs = keras.layers.Input(shape=(4,))
x = keras.layers.Dense(2, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
keras.Model(inputs, keras.layers.Dense(1)(x)).save("lambda_model.h5")
subprocess.run(["tensorflowjs_converter", "--input_format", "keras", "lambda_model.h5",
                case("tfjs-lambda")], check=True, capture_output=True)
report("tfjs-lambda", "model.json")
# --8<-- [end:code]
