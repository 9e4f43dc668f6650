# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*"]
# ///
# --8<-- [start:code]
# Keras 2 (TensorFlow 2.15): slicing a Keras tensor adds a SlicingOpLambda layer.
import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.keras.utils.set_random_seed(0)
x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
np.save("x_test.npy", x_test)

inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = x[:, :16]  # the first 16 features
model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
model.save("keras2_slicing.h5")
np.save("expected_slicing.npy", model.predict(x_test, verbose=0))
print("keras2_slicing.h5 layers:", [type(layer).__name__ for layer in model.layers])
# --8<-- [end:code]
