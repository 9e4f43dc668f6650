# /// kb
# outcome = "ok"
# runtimes = ["keras2", "tf-keras"]
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras


def one_hot_4(x):  # a function of your own that calls the library function
    return keras.backend.one_hot(x, 4)


inputs = keras.Input(shape=(3,), dtype="int32")
outputs = keras.layers.Lambda(one_hot_4)(inputs)
keras.Model(inputs, outputs).save("one_hot.h5")

loaded = keras.models.load_model("one_hot.h5")
print(loaded.predict(np.array([[0, 1, 2]]), verbose=0).shape)
# --8<-- [end:code]
