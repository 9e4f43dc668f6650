# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*", "tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf
from tensorflow import keras  # Keras 2: TensorFlow 2.15, or tf-keras


def swish_custom(x):  # a custom activation
    return x * tf.math.sigmoid(x)


def my_loss(y_true, y_pred):  # a custom loss
    return tf.reduce_mean(tf.square(y_true - y_pred))


tf.keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation=swish_custom)(inputs)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
model.compile(optimizer="adam", loss=my_loss)

x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
model.save("fn_model_keras2.h5")
print("saved with TensorFlow", tf.__version__)
# --8<-- [end:code]
