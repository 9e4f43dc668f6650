# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_save_h5_with_side_effect.py" = ["side_effect.h5", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import os

import keras
import numpy as np


class PassThrough(keras.layers.Layer):
    """What the Lambda computed, written in your own code (here: the identity)."""

    def call(self, x):
        return x


# The architecture comes from your code; only numbers come from the file.
inputs = keras.Input(shape=(2,))
hidden = keras.layers.Dense(2, name="dense")(inputs)
outputs = PassThrough(name="innocent_looking")(hidden)
model = keras.Model(inputs, outputs)
model.load_weights("side_effect.h5")

predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("same predictions as the original:", np.allclose(predicted, np.load("expected.npy")))
print("pwned.txt exists:", os.path.exists("pwned.txt"))
# --8<-- [end:code]
