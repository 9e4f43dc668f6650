# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras3"]
# [expect."keras3<3.6"]
# outcome = "raises"
# exception = "ValueError"
# ///
# --8<-- [start:code]
import warnings

import keras

warnings.simplefilter("ignore", UserWarning)  # "Do not pass an `input_shape` to a layer"
model = keras.Sequential()  # Keras 2 code: the first layer takes the input shape
model.add(keras.layers.Conv2D(8, 3, activation="relu", input_shape=(32, 32, 3)))
model.add(keras.layers.Flatten())
model.add(keras.layers.Dense(2, activation="softmax"))
print(model.built)
features = keras.Model(inputs=model.input, outputs=model.layers[-2].output)  # as deepface does
# --8<-- [end:code]
