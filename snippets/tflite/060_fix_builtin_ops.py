# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import math

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

keras.config.disable_interactive_logging()
keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(3)(inputs)
cdf = keras.layers.Lambda(lambda t: 0.5 * (1.0 + tf.math.erf(t / math.sqrt(2.0))))
with_erf = keras.Model(inputs, keras.layers.Dense(1)(cdf(hidden)))

# the same curve from ops TFLite has (tanh, pow, mul, add): the approximation GELU uses
approx = keras.layers.Lambda(lambda t: 0.5 * (1.0 + tf.math.tanh(
    math.sqrt(2.0 / math.pi) * (t + 0.044715 * t ** 3))))
model = keras.Model(inputs, with_erf.layers[-1](approx(hidden)))  # same Dense weights

interpreter = Interpreter(model_content=tf.lite.TFLiteConverter.from_keras_model(model).convert())
print("ops:", [op["op_name"] for op in interpreter._get_ops_details()])
x_test = np.random.default_rng(0).normal(size=(64, 4)).astype(np.float32)
interpreter.resize_tensor_input(interpreter.get_input_details()[0]["index"], x_test.shape)
interpreter.allocate_tensors()
interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x_test)
interpreter.invoke()
got = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
print("LiteRT within 1e-3 of the erf model:",
      np.allclose(got, with_erf.predict(x_test, verbose=0), atol=1e-3))
# --8<-- [end:code]
