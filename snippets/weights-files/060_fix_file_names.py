# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import os

import keras
import numpy as np


def build():
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])


x, y = np.ones((8, 4), "float32"), np.ones((8, 1), "float32")
model = build()
model.compile(optimizer="adam", loss="mse")
checkpoint = keras.callbacks.ModelCheckpoint("training_1/cp.weights.h5", save_weights_only=True)
model.fit(x, y, epochs=1, verbose=0, callbacks=[checkpoint])  # weights: *.weights.h5
model.save_weights("model.weights.h5")
model.save("model.keras")  # the whole model: *.keras
print(sorted(os.listdir(".")), os.listdir("training_1"))

restored = build()  # weights go into a model built by code
restored.load_weights("training_1/cp.weights.h5")
loaded = keras.models.load_model("model.keras")  # a .keras file holds the architecture too
print("same predictions:", np.allclose(restored(x), model(x)), np.allclose(loaded(x), model(x)))
# --8<-- [end:code]
