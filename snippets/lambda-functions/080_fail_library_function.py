# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras2", "tf-keras"]
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

# A Lambda wrapping a library function itself, not a function of your own
inputs = keras.Input(shape=(3,), dtype="int32")
outputs = keras.layers.Lambda(keras.backend.one_hot, arguments={"num_classes": 4})(inputs)
keras.Model(inputs, outputs).save("one_hot.h5")

# the bytecode stored is TensorFlow's wrapper around one_hot; the function it wraps
# was written as its name, a str, and the loaded wrapper calls that str
loaded = keras.models.load_model("one_hot.h5", custom_objects={"one_hot": keras.backend.one_hot})
print(loaded.predict(np.array([[0, 1, 2]]), verbose=0).shape)
# --8<-- [end:code]
