# /// kb
# outcome = "raises"
# exception = "RuntimeError"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import math

import keras
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

keras.config.disable_interactive_logging()
inputs = keras.Input(shape=(4,))
x = keras.layers.Dense(3)(inputs)
x = keras.layers.Lambda(lambda t: 0.5 * (1.0 + tf.math.erf(t / math.sqrt(2.0))))(x)
model = keras.Model(inputs, keras.layers.Dense(1)(x))

converter = tf.lite.TFLiteConverter.from_keras_model(model)
converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS,
                                       tf.lite.OpsSet.SELECT_TF_OPS]
interpreter = Interpreter(model_content=converter.convert())
interpreter.allocate_tensors()
# --8<-- [end:code]
