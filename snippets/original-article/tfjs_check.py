# --8<-- [start:code]
"""tfjs_check.py: convert a Keras 2 .h5 with the tensorflowjs converter, then load it
with tf.loadLayersModel in Node (../tfjs/load_model.js) and print what TF.js says."""
import os
import subprocess

# what `tensorflowjs_converter --input_format keras model.h5 out/` runs, called in this
# process (the command would import TensorFlow again for every file)
from tensorflowjs.converters.converter import dispatch_keras_h5_to_tfjs_layers_model_conversion


def convert_and_load(h5_path):
    out = h5_path.replace(".h5", "_tfjs")
    dispatch_keras_h5_to_tfjs_layers_model_conversion(h5_path, out)
    loader = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tfjs", "load_model.js")
    node = subprocess.run(["node", loader, os.path.join(out, "model.json")],
                          capture_output=True, text=True)
    print(f"TF.js loading {h5_path}:", node.stdout.splitlines()[0])
# --8<-- [end:code]
