# /// kb
# outcome = "raises"
# exception = "DataLossError"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import tensorflow as tf
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
tf.train.Checkpoint(model=model).write("runs/training_1/cp.ckpt")  # cp.ckpt.index, cp.ckpt.data-00000-of-00001

# the data file, not the prefix: the reader opens it as the index, an sstable
tf.train.Checkpoint(model=model).restore("runs/training_1/cp.ckpt.data-00000-of-00001")
# --8<-- [end:code]
