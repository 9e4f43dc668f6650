# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*", "tf-keras>=2.21"]
# needs = {"070_check_keras2_saves_custom_functions.py" = ["fn_model_keras2.h5", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf
from tensorflow import keras


def swish_custom(x):
    return x * tf.math.sigmoid(x)


# Rebuild the architecture in code and take only the weights from the .h5 file
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation=swish_custom)(inputs)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
model.load_weights("fn_model_keras2.h5")

predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))

# and from now on save the native format, which this Keras reads back with custom_objects
model.save("fn_model_keras2.keras")
loaded = keras.models.load_model(
    "fn_model_keras2.keras", custom_objects={"swish_custom": swish_custom}, compile=False)
print(".keras reloaded, identical predictions:",
      np.array_equal(loaded.predict(np.load("x_test.npy"), verbose=0), predicted))
# --8<-- [end:code]
