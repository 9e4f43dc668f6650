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


# Inference only: the loss is never needed, so compile=False and no my_loss.
model = keras.models.load_model(
    "fn_model.keras", custom_objects={"swish_custom": swish_custom}, compile=False
)
predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
