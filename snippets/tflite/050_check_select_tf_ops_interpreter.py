# /// kb
# outcome = "raises"
# exception = "RuntimeError"
# runtimes = ["keras3==3.7.0", "keras3==3.8.0", "keras3>=3.15"]
# [expect."keras3<3.8"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import math

import keras
import numpy as np
import tensorflow as tf

keras.config.disable_interactive_logging()
keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(4,))
x = keras.layers.Dense(3)(inputs)
x = keras.layers.Lambda(lambda t: 0.5 * (1.0 + tf.math.erf(t / math.sqrt(2.0))))(x)
model = keras.Model(inputs, keras.layers.Dense(1)(x))

converter = tf.lite.TFLiteConverter.from_keras_model(model)
# what the message suggests: let the converter keep TensorFlow's own Erf (a "Flex" op)
converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS,
                                       tf.lite.OpsSet.SELECT_TF_OPS]
tflite_model = converter.convert()
print("converted with select TF ops")

interpreter = tf.lite.Interpreter(model_content=tflite_model)
print("ops:", [op["op_name"] for op in interpreter._get_ops_details()])
interpreter.allocate_tensors()  # the Flex op needs TensorFlow's kernels linked in
x_test = np.random.default_rng(0).random((1, 4), dtype=np.float32)
interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x_test)
interpreter.invoke()
print("tf.lite runs it:", np.allclose(interpreter.get_tensor(interpreter.get_output_details()[0]["index"]),
                                      model.predict(x_test, verbose=0), atol=1e-6))
# --8<-- [end:code]
