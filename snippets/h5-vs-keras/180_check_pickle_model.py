# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
import pickle

import numpy as np
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
copy = pickle.loads(pickle.dumps(model))  # the model is saved to bytes and loaded back

x = np.ones((1, 4), dtype="float32")
print(type(copy).__name__, "same predictions:",
      np.array_equal(model.predict(x, verbose=0), copy.predict(x, verbose=0)))
# --8<-- [end:code]
