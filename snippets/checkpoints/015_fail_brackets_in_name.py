# /// kb
# outcome = "raises"
# exception = "NotFoundError"
# runtimes = ["tf-keras>=2.21"]
# ///
# --8<-- [start:code]
from tensorflow import keras


def build():
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])


build().save_weights("runs/ckpts/model_[200].ckpt")  # written: the writer takes the name as it is

model = build()
model.load_weights("runs/ckpts/model_[200].ckpt")  # the reader takes it as a glob pattern: [200] is "2 or 0"
# --8<-- [end:code]
