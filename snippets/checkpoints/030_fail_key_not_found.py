# /// kb
# outcome = "raises"
# exception = "NotFoundError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import tensorflow as tf

Saver = tf.compat.v1.train.Saver  # TF1's checkpoints: every variable stored by its name

# the pretrained checkpoint: one layer's weights
conv1 = tf.Variable(tf.zeros((4, 8)), name="conv1/weights")
Saver(var_list=[conv1]).save(None, "pretrained/model.ckpt")

# the network that restores it has grown a layer
conv1 = tf.Variable(tf.zeros((4, 8)), name="conv1/weights")
conv2 = tf.Variable(tf.zeros((8, 1)), name="conv2/weights")
Saver(var_list=[conv1, conv2]).restore(None, "pretrained/model.ckpt")
# --8<-- [end:code]
