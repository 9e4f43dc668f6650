# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.0", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import os

import keras
import numpy as np
import tensorflow as tf

keras.config.disable_interactive_logging()  # export() would list its endpoints, with object ids
keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(4,), name="features")  # the input's name is the request's key
model = keras.Model(inputs, keras.layers.Dense(1)(inputs))

# TF Serving's --model_base_path is models/my_model; each version is a numbered folder in it
model.export("models/my_model/1")
for folder, subfolders, files in sorted(os.walk("models")):
    print(folder + "/", sorted(subfolders), sorted(files))

serving = tf.saved_model.load("models/my_model/1").signatures["serving_default"]
print("signature serving_default inputs:", serving.structured_input_signature[1])
print("outputs:", serving.structured_outputs)

x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
# --8<-- [end:code]
