# /// kb
# outcome = "raises"
# exception = "NameError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_save_pow_models.py" = ["pow_shape_model.keras", "x_test.npy"]}
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tensorflow as tf

# With output_shape stored, loading skips shape inference...
model = keras.models.load_model("pow_shape_model.keras", safe_mode=False)
function = model.get_layer(index=2).function
print("the lambda's globals are those of:", function.__globals__["__name__"])
# ...and the real failure shows when the lambda runs:
model.predict(np.load("x_test.npy"), verbose=0)
# --8<-- [end:code]
