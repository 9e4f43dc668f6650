# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("model.h5")

loaded = keras.models.load_model("model.h5", compile=False)  # say it: no training config wanted
loaded.compile(optimizer="adam", loss="mse")  # what training needs, given after loading
history = loaded.fit(np.ones((8, 4)), np.ones((8, 1)), verbose=0)
print("trained, loss recorded:", "loss" in history.history)
# --8<-- [end:code]
