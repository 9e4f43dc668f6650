# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21"]
# ///
# --8<-- [start:code]
# Stands in for a model from TensorFlow Hub / Kaggle Models: a TF2 SavedModel on disk.
# hub.KerasLayer takes a URL or a local path; a local one keeps this example offline.
import tensorflow as tf


class Doubler(tf.Module):
    def __init__(self):
        super().__init__()
        self.factor = tf.Variable(2.0)

    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
    def __call__(self, x):
        return {"output_0": x * self.factor}


module = Doubler()
tf.saved_model.save(module, "hub_module", signatures={"serving_default": module.__call__})
print("saved the SavedModel directory hub_module/")
# --8<-- [end:code]
