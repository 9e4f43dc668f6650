# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

x, y = np.ones((8, 4), "float32"), np.ones((8, 1), "float32")


def build(optimizer):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer=optimizer, loss="mse")
    return model


old = build(keras.optimizers.legacy.Adam())
old.fit(x, y, epochs=1, verbose=0)
old.save_weights("checkpoints/ckpt")

# 1. keep training from the checkpoint: the same (legacy) optimizer class
same = build(keras.optimizers.legacy.Adam())
same.load_weights("checkpoints/ckpt")
same.fit(x, y, epochs=1, verbose=0)
print("legacy optimizer, steps:", int(same.optimizer.iterations))

# 2. move on to the new optimizer: take the weights from the model that loaded them
new = build(keras.optimizers.Adam())
new.set_weights(same.get_weights())  # weights only: the new optimizer starts from zero
new.fit(x, y, epochs=1, verbose=0)
print("new optimizer, steps:", int(new.optimizer.iterations))
# --8<-- [end:code]
