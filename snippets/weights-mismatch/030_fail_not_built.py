# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.0.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras

trained = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3), keras.layers.Dense(1)])
trained.save_weights("model.weights.h5")

model = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(1)])  # no Input: no weights yet
model.load_weights("model.weights.h5")
# --8<-- [end:code]
