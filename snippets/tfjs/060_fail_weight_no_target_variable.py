# /// kb
# outcome = "raises"
# exception = "SystemExit"
# runtimes = ["tfjs"]
# needs = {"050_fail_keras3_inputlayer.py" = ["tfjs_keras3"]}
# ///
# --8<-- [start:code]
import json
import os
import subprocess
import sys

# The usual first patch: rename Keras 3's batch_shape to the batch_input_shape TF.js reads
model_json = json.load(open("tfjs_keras3/model.json"))
for layer in model_json["modelTopology"]["model_config"]["config"]["layers"]:
    if "batch_shape" in layer["config"]:
        layer["config"]["batch_input_shape"] = layer["config"].pop("batch_shape")
json.dump(model_json, open("tfjs_keras3/model.json", "w"))
print("weight names:", [w["name"] for g in model_json["weightsManifest"] for w in g["weights"]])

here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "load_model.js"), "tfjs_keras3/model.json"],
                      capture_output=True, text=True)
print(node.stdout, end="")
sys.exit(node.returncode)
# --8<-- [end:code]
