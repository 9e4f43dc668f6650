# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# needs = {"060_fail_several_metagraphs.py" = ["tf1_model"]}
# ///
# --8<-- [start:code]
import tensorflow as tf
from tensorflow.core.protobuf import saved_model_pb2

# The tag sets in the file (what `saved_model_cli show --dir tf1_model` lists)
saved = saved_model_pb2.SavedModel()
with open("tf1_model/saved_model.pb", "rb") as f:
    saved.ParseFromString(f.read())
print("tag sets:", [list(m.meta_info_def.tags) for m in saved.meta_graphs])

loaded = tf.saved_model.load("tf1_model", tags=["serve"])
print(loaded.signatures["serving_default"](x=tf.ones((1, 3))))
# --8<-- [end:code]
