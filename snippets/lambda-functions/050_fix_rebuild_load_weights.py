# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_save_pow_models.py" = ["pow_shape_model.keras", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tensorflow as tf

# Rebuild the architecture in code, where tf is a real global, then take the weights.
inputs = keras.Input(shape=(10,))
hidden = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: tf.math.pow(y, 2), output_shape=(32,))(hidden)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
model.load_weights("pow_shape_model.keras")  # weights only: no code from the file runs

predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
