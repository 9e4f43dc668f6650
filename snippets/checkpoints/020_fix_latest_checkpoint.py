# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import os

import tensorflow as tf
from tensorflow import keras


def build():
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])


build().save_weights("runs/training_1/cp.ckpt")
print(sorted(os.listdir("runs/training_1")))  # the prefix is the name before .index / .data-...

prefix = tf.train.latest_checkpoint("runs/training_1")  # read from the folder's `checkpoint` file
print("prefix:", prefix)
model = build()
model.load_weights(prefix)
print("loaded")

# a name with [ ] * ? in it: give the checkpoint a name without them
build().save_weights("runs/ckpts/model_200.ckpt")
build().load_weights("runs/ckpts/model_200.ckpt")
print("runs/ckpts/model_200.ckpt loaded")
# --8<-- [end:code]
