# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import keras
import numpy as np
import onnxruntime as ort
import tensorflow as tf

inputs = keras.Input(shape=(4,), name="features")
x = keras.layers.Dense(4, activation="softplus")(inputs)
outputs = keras.layers.Lambda(lambda t: tf.math.lgamma(t + 1.0))(x)  # log(x!): no ONNX op
model = keras.Model(inputs, outputs)
model.predict(np.ones((1, 4), np.float32), verbose=0)

model.export("model.onnx", format="onnx", verbose=False)  # logs the op it cannot convert
try:
    ort.InferenceSession("model.onnx")  # ... and the file it wrote anyway does not load
except Exception as exc:  # printed as Python prints it when it is not caught
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
# --8<-- [end:code]
