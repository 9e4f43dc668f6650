# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import tensorflow as tf
import tensorflow_hub as hub
from tensorflow import keras  # tf-keras

from case import case, report


class Doubler(tf.Module):  # stands in for a model downloaded from TensorFlow Hub
    def __init__(self):
        super().__init__()
        self.factor = tf.Variable(2.0)

    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
    def __call__(self, x):
        return {"output_0": x * self.factor}


module = Doubler()
tf.saved_model.save(module, "hub_module", signatures={"serving_default": module.__call__})
model = keras.Sequential([keras.Input(shape=(3,)), hub.KerasLayer("hub_module", output_key="output_0"),
                          keras.layers.Dense(1)])
model.save(f"{case('tf-keras-hub-h5')}/model.h5")
report("tf-keras-hub-h5", "model.h5")
# --8<-- [end:code]
