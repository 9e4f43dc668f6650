# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import math

import keras
import numpy as np
import onnxruntime as ort
import tensorflow as tf

keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(4,), name="features")
x = keras.layers.Dense(4, activation="softplus")(inputs)
model = keras.Model(inputs, keras.layers.Lambda(lambda t: tf.math.lgamma(t + 1.0))(x))

# export the model up to the op ONNX lacks, and apply that op after onnxruntime
head = keras.Model(model.input, model.layers[-2].output)
x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
expected = model.predict(x_test, verbose=0)
head.predict(x_test, verbose=0)
head.export("head.onnx", format="onnx", verbose=False)

session = ort.InferenceSession("head.onnx")
got = np.vectorize(lambda v: math.lgamma(v + 1.0))(session.run(None, {"features": x_test})[0])
print("onnxruntime + lgamma in NumPy equals the Keras model:", np.allclose(got, expected, atol=1e-5))
# --8<-- [end:code]
