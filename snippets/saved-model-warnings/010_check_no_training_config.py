# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])  # never compiled
model.save("model.h5")
model.save("model.keras")

print("--- load model.h5")
loaded = keras.models.load_model("model.h5")  # the warning: no optimizer, loss or metrics saved
print("predict:", loaded.predict(np.ones((1, 4)), verbose=0).shape)
print("--- load model.keras")
keras.models.load_model("model.keras")  # the same model in the .keras format: no warning
print("--- load model.h5, compile=False")
keras.models.load_model("model.h5", compile=False)  # nothing to compile asked for: no warning
# --8<-- [end:code]
