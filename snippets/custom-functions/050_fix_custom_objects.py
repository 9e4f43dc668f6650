# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"010_check_save_custom_functions.py" = ["fn_model.keras", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np


def swish_custom(x):
    return x * keras.ops.sigmoid(x)


def my_loss(y_true, y_pred):
    return keras.ops.mean(keras.ops.square(y_true - y_pred))


model = keras.models.load_model(
    "fn_model.keras", custom_objects={"swish_custom": swish_custom, "my_loss": my_loss}
)
predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
