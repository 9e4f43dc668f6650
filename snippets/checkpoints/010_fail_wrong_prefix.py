# /// kb
# outcome = "raises"
# exception = "NotFoundError"
# runtimes = ["tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras


def build():
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])


build().save_weights("runs/training_1/cp.ckpt")  # a TensorFlow checkpoint: three files, one prefix

model = build()
model.load_weights("runs/training_1/model.ckpt")  # a prefix that was never written
# --8<-- [end:code]
