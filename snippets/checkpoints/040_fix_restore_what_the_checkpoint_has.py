# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import tensorflow as tf

Saver = tf.compat.v1.train.Saver

conv1 = tf.Variable(tf.ones((4, 8)), name="conv1/weights")
Saver(var_list=[conv1]).save(None, "pretrained/model.ckpt")

# what the checkpoint holds: names and shapes
in_checkpoint = dict(tf.train.list_variables("pretrained/model.ckpt"))
print("checkpoint:", in_checkpoint)

conv1 = tf.Variable(tf.zeros((4, 8)), name="conv1/weights")
conv2 = tf.Variable(tf.zeros((8, 1)), name="conv2/weights")  # new: keeps its initial value
# restore only the variables the checkpoint has (or map names: var_list={"old/name": variable})
restore = [v for v in (conv1, conv2) if v.name.split(":")[0] in in_checkpoint]
Saver(var_list=restore).restore(None, "pretrained/model.ckpt")
print("restored:", [v.name for v in restore], "sum:", float(tf.reduce_sum(conv1)))
# --8<-- [end:code]
