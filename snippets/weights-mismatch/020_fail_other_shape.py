# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras


def build(units):
    return keras.Sequential([keras.Input(shape=(4,)),
                             keras.layers.Dense(units, kernel_initializer="zeros"),
                             keras.layers.Dense(1, kernel_initializer="zeros")])


build(3).save_weights("model.weights.h5")  # trained with Dense(3)
build(5).load_weights("model.weights.h5")  # loaded into Dense(5): same layers, other shapes
# --8<-- [end:code]
