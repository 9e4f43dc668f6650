# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tensorflow as tf

from ops_layers import Softplus2

print("backend:", keras.backend.backend())
keras.utils.set_random_seed(0)
x = np.random.default_rng(0).random((2, 4), dtype=np.float32)
np.save("x.npy", x)

inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(3)(inputs)

# 1. a custom layer written with keras.ops
model = keras.Model(inputs, Softplus2()(hidden))
model.save("ops_layer.keras")
np.save("ops_layer_expected.npy", model.predict(x, verbose=0))

# 2. a Lambda that calls TensorFlow
model = keras.Model(inputs, keras.layers.Lambda(lambda t: tf.math.softplus(t))(hidden))
model.save("tf_lambda.keras")
np.save("lambda_expected.npy", model.predict(x, verbose=0))

print("saved ops_layer.keras, tf_lambda.keras")
# --8<-- [end:code]
