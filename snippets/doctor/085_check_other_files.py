# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import pickle
import subprocess
import sys

import tensorflow as tf

@tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
def double(x):
    return 2.0 * x

converter = tf.lite.TFLiteConverter.from_concrete_functions([double.get_concrete_function()], double)
with open("model.tflite", "wb") as f:  # TensorFlow Lite
    f.write(converter.convert())
tf.io.write_graph(double.get_concrete_function().graph.as_graph_def(), ".", "frozen_graph.pb",
                  as_text=False)  # a graph, not a SavedModel folder
tf.train.Checkpoint(w=tf.Variable([1.0, 2.0])).write("ckpt/weights")  # a checkpoint
with open("model.pkl", "wb") as f:  # a pickle
    pickle.dump({"weights": [1.0, 2.0]}, f)

for path in ["model.tflite", "frozen_graph.pb", "ckpt/weights.index",
             "ckpt/weights.data-00000-of-00001", "model.pkl"]:
    proc = subprocess.run([sys.executable, "-m", "keras_doctor", path], capture_output=True, text=True)
    print(f"$ keras-doctor {path}   (exit status {proc.returncode})")
    print(proc.stdout + proc.stderr, end="")
# --8<-- [end:code]
