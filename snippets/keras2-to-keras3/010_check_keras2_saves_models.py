# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*"]
# ///
# --8<-- [start:code]
# Keras 2 (TensorFlow 2.15): two models as many were saved before Keras 3.
import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.keras.utils.set_random_seed(0)
x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
np.save("x_test.npy", x_test)

inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
model.save("keras2_lambda.h5")
np.save("expected_lambda.npy", model.predict(x_test, verbose=0))

# A TensorFlow op applied to a Keras tensor: Keras 2 wraps it in a TFOpLambda layer.
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = tf.math.pow(x, 2)
model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
model.save("keras2_tfop.h5")
np.save("expected_tfop.npy", model.predict(x_test, verbose=0))
print("keras2_tfop.h5 layers:", [type(layer).__name__ for layer in model.layers])
# --8<-- [end:code]
