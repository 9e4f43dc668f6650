# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras


def build(*middle):
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3), *middle,
                             keras.layers.Dense(1)])


build().save_weights("model.weights.h5")  # the model that was trained: Dense, Dense

model = build(keras.layers.LayerNormalization())  # the code has changed since: one more layer
model.load_weights("model.weights.h5")
# --8<-- [end:code]
