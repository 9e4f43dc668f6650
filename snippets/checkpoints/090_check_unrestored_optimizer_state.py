# /// kb
# outcome = "ok"
# runtimes = ["tf-keras", "keras2"]
# ///
# --8<-- [start:code]
import gc

import numpy as np
from tensorflow import keras


def build():
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])


model = build()
model.compile(optimizer="adam", loss="mse")
model.fit(np.zeros((8, 4)), np.zeros((8, 1)), epochs=1, verbose=0)
model.save_weights("ckpt/weights")  # a TensorFlow checkpoint: the optimizer's state is in it

fresh = build()  # for inference: no optimizer
fresh.load_weights("ckpt/weights")
print("prediction:", fresh.predict(np.ones((1, 4)), verbose=0).shape)
del fresh
gc.collect()  # the warnings come when the restore's status is deleted
# --8<-- [end:code]
