# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
hidden = keras.layers.Dense(32, activation="relu")(inputs)

# The same Lambda twice: once left to infer its output shape, once told it.
x = keras.layers.Lambda(lambda y: tf.math.pow(y, 2))(hidden)
keras.Model(inputs, keras.layers.Dense(1)(x)).save("pow_model.keras")
x = keras.layers.Lambda(lambda y: tf.math.pow(y, 2), output_shape=(32,))(hidden)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
model.save("pow_shape_model.keras")

x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
print("saved pow_model.keras and pow_shape_model.keras")
# --8<-- [end:code]
