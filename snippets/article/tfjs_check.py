# --8<-- [start:code]
"""tfjs_check.py: convert a Keras 2 .h5 with the tensorflowjs converter, then load it
with tf.loadLayersModel in Node (../tfjs/load_model.js) and print what TF.js says."""
import os
import subprocess


def convert_and_load(h5_path):
    out = h5_path.replace(".h5", "_tfjs")
    subprocess.run(["tensorflowjs_converter", "--input_format", "keras", h5_path, out],
                   check=True, capture_output=True)
    loader = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tfjs", "load_model.js")
    node = subprocess.run(["node", loader, os.path.join(out, "model.json")],
                          capture_output=True, text=True)
    print(f"TF.js loading {h5_path}:", node.stdout.splitlines()[0])
# --8<-- [end:code]
