# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

x, y = np.ones((8, 4), "float32"), np.ones((8, 1), "float32")


def build(optimizer):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer=optimizer, loss="mse")
    return model


old = build(keras.optimizers.legacy.Adam())  # what TensorFlow before 2.11 gave as "adam"
old.fit(x, y, epochs=1, verbose=0)
old.save_weights("checkpoints/ckpt")  # a TensorFlow checkpoint, with the optimizer's slots

new = build(keras.optimizers.Adam())  # today's optimizer
new.load_weights("checkpoints/ckpt")
new.fit(x, y, epochs=1, verbose=0)  # the slots are restored on the first step
# --8<-- [end:code]
