# /// kb
# outcome = "raises"
# exception = "SystemExit"
# runtimes = ["tfjs"]
# needs = {"keras3:040_check_save_keras3_h5.py" = ["keras3_model.h5"]}
# ///
# --8<-- [start:code]
import json
import os
import subprocess
import sys

subprocess.run(["tensorflowjs_converter", "--input_format", "keras",
                "keras3_model.h5", "tfjs_keras3"], check=True, capture_output=True)
model_json = json.load(open("tfjs_keras3/model.json"))
input_layer = model_json["modelTopology"]["model_config"]["config"]["layers"][0]
print("InputLayer config keys:", sorted(input_layer["config"]))  # Keras 3: batch_shape

here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "load_model.js"), "tfjs_keras3/model.json"],
                      capture_output=True, text=True)
print(node.stdout, end="")
sys.exit(node.returncode)
# --8<-- [end:code]
