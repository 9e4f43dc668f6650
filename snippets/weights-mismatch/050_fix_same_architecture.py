# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np


def build():  # one function builds the model, for training and for loading
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3),
                             keras.layers.Dense(1)])


x = np.arange(8, dtype="float32").reshape(2, 4)
trained = build()
trained.save_weights("model.weights.h5")

model = build()  # the same layers, built (keras.Input), then the weights
model.load_weights("model.weights.h5")
print("same predictions:", np.allclose(model(x), trained(x)))

# the architecture really changed: copy what still fits, layer by layer
changed = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3),
                            keras.layers.LayerNormalization(), keras.layers.Dense(1)])
changed.layers[0].set_weights(trained.layers[0].get_weights())
changed.layers[2].set_weights(trained.layers[1].get_weights())
print("copied:", [layer.name for layer in (changed.layers[0], changed.layers[2])])
# --8<-- [end:code]
