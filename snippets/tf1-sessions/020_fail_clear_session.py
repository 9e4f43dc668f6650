# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.compat.v1.disable_eager_execution()

keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, name="dense_1")]).save("model.h5")
model = keras.models.load_model("model.h5")

keras.backend.clear_session()  # "to free memory" between requests: a new graph, the model is in the old one
print(model.predict(np.ones((1, 4), "float32"), verbose=0))
# --8<-- [end:code]
