# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"040_fix_register_save.py" = ["power_model.keras", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

import my_layers  # noqa: F401  (registers PowerLayer; no custom_objects needed)

model = keras.models.load_model("power_model.keras")
predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
