# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf
from tensorflow import keras  # Keras 2.15, beside the tensorflowjs converter
# what `tensorflowjs_converter --input_format tf_saved_model saved_model web_model` runs
from tensorflowjs.converters.tf_saved_model_conversion_v2 import convert_tf_saved_model

tf.keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(4,), name="features")
x = keras.layers.Dense(3, activation="softsign")(inputs)  # Keras's softsign: TF's Softsign op
model = keras.Model(inputs, keras.layers.Dense(1)(x))
tf.saved_model.save(model, "saved_model")

x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
convert_tf_saved_model("saved_model", "web_model")
# --8<-- [end:code]
