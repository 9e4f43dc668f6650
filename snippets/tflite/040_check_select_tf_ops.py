# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.7.0", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import math

import keras
import tensorflow as tf

keras.config.disable_interactive_logging()  # the converter's model.export() lists its endpoints
keras.utils.set_random_seed(0)

# the normal CDF in a Lambda: tf.math.erf is an op TFLite's own kernels do not have
inputs = keras.Input(shape=(4,))
x = keras.layers.Dense(3)(inputs)
x = keras.layers.Lambda(lambda t: 0.5 * (1.0 + tf.math.erf(t / math.sqrt(2.0))))(x)
model = keras.Model(inputs, keras.layers.Dense(1)(x))

converter = tf.lite.TFLiteConverter.from_keras_model(model)
try:
    converter.convert()
except Exception as exc:  # printed as Python prints it when it is not caught
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
# --8<-- [end:code]
