# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# [expect."tf-keras"]
# outcome = "raises"
# exception = "RuntimeError"
# [expect."keras2"]
# outcome = "raises"
# exception = "RuntimeError"
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("model.h5")

loaded = keras.models.load_model("model.h5")
loaded.fit(np.ones((8, 4)), np.ones((8, 1)), verbose=0)  # training needs a loss and an optimizer
# --8<-- [end:code]
