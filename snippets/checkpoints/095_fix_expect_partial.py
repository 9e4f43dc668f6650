# /// kb
# outcome = "ok"
# runtimes = ["tf-keras", "keras2"]
# needs = {"090_check_unrestored_optimizer_state.py" = ["ckpt"]}
# ///
# --8<-- [start:code]
import gc

import numpy as np
from tensorflow import keras

fresh = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
fresh.load_weights("ckpt/weights").expect_partial()  # the weights only: the rest is not needed
print("prediction:", fresh.predict(np.ones((1, 4)), verbose=0).shape)
del fresh
gc.collect()  # no warning
# --8<-- [end:code]
