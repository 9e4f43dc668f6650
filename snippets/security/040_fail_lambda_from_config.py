# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# [expect."keras3>=3.15"]
# outcome = "raises"
# exception = "ValueError"
# ///
# --8<-- [start:code]
import os

import keras

layer = keras.layers.Lambda(
    lambda x: (open("pwned.txt", "a").write("code from a layer config ran\n"), x)[1])
config = layer.get_config()  # what a config.json holds for this layer
del layer

try:
    # a config rebuilt directly, outside load_model: no safe_mode argument anywhere
    restored = keras.layers.Lambda.from_config(config)
    restored(keras.ops.ones((1, 2)))
finally:
    print("pwned.txt exists:", os.path.exists("pwned.txt"))
# --8<-- [end:code]
