# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.12.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # Keras 2.12

from case import case, report


def triple(x):
    return x * 3


# a custom activation: Keras 2.12 writes its bare name ("triple"), as it writes "relu"
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, activation=triple),
                          keras.layers.Dense(1)])
model.save(f"{case('keras2-12-custom-activation-h5')}/model.h5")
report("keras2-12-custom-activation-h5", "model.h5")
# --8<-- [end:code]
