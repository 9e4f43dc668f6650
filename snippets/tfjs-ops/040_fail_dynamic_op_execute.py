# /// kb
# outcome = "raises"
# exception = "SystemExit"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import os
import subprocess
import sys

import tensorflow as tf
from tensorflow import keras
from tensorflowjs.converters.tf_saved_model_conversion_v2 import convert_tf_saved_model

# a Lambda whose output size depends on the data: tf.boolean_mask is the dynamic op Where
inputs = keras.Input(shape=(4,), name="features")
model = keras.Model(inputs, keras.layers.Lambda(lambda t: tf.boolean_mask(t, t > 0.5))(inputs))
tf.saved_model.save(model, "saved_model")
convert_tf_saved_model("saved_model", "web_model")

here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "run_graph_model.js"), "web_model/model.json",
                       "execute", "[[0.1, 0.9, 0.7, 0.2]]"], capture_output=True, text=True)
print(node.stdout, end="")
sys.exit(node.returncode)
# --8<-- [end:code]
