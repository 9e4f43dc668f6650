# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras  # Keras 3, tf-keras or Keras 2, whichever TensorFlow selects

inputs = keras.Input(shape=(3,), name="x")
outputs = keras.layers.Dense(2, name="dense", kernel_initializer="ones")(inputs)
model = keras.Model(inputs, outputs)
tf.saved_model.save(model, "saved_model_dir")  # what model.export() also writes in Keras 3

x = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
np.save("x.npy", x)
np.save("expected.npy", model.predict(x, verbose=0))
print("saved:", sorted(os.listdir("saved_model_dir")))
# --8<-- [end:code]
