# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras


def build(*middle):
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3), *middle,
                             keras.layers.Dense(1)])


build().save_weights("weights.h5")  # Keras 2's own HDF5 weights: one group per layer, in order
build(keras.layers.Dense(3)).load_weights("weights.h5")
# --8<-- [end:code]
