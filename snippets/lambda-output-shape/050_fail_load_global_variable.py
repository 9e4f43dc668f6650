# /// kb
# outcome = "raises"
# exception = "NotImplementedError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"030_check_save_closure_and_global.py" = ["global.keras"]}
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras
import numpy as np

scale = 3.0  # the loading script defines the name too
model = keras.models.load_model("global.keras", safe_mode=False)  # a file you trust
print(model.predict(np.ones((1, 3), dtype="float32"), verbose=0))
# --8<-- [end:code]
