# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"keras2:012_check_keras2_saves_slicing.py" = ["keras2_slicing.h5", "x_test.npy", "expected_slicing.npy"]}
# ///
# --8<-- [start:code]
# Keras 3 only: write the architecture again (slicing a KerasTensor is a Keras operation
# in Keras 3), then read the Keras 2 file's weights, which are plain arrays.
import keras
import numpy as np

inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = x[:, :16]
model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
model.load_weights("keras2_slicing.h5")

predicted = model.predict(np.load("x_test.npy"), verbose=0)
expected = np.load("expected_slicing.npy")  # computed by TensorFlow 2.15
print("same predictions as Keras 2 (within float32 rounding):",
      np.allclose(predicted, expected, rtol=1e-6, atol=1e-6))
print("largest difference:", float(np.abs(predicted - expected).max()))
# --8<-- [end:code]
