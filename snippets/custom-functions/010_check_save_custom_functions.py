# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras
import numpy as np


def swish_custom(x):  # a custom activation
    return x * keras.ops.sigmoid(x)


def my_loss(y_true, y_pred):  # a custom loss
    return keras.ops.mean(keras.ops.square(y_true - y_pred))


keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation=swish_custom)(inputs)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
model.compile(optimizer="adam", loss=my_loss)

x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
model.save("fn_model.keras")
model.save("fn_model.h5")
print("saved fn_model.keras and fn_model.h5")
# --8<-- [end:code]
