# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# needs = {"050_fail_keras3_inputlayer.py" = ["tfjs_keras3"], "keras3:040_check_save_keras3_h5.py" = ["x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import json
import os
import shutil
import subprocess

import numpy as np

shutil.copytree("tfjs_keras3", "tfjs_fixed")
model_json = json.load(open("tfjs_fixed/model.json"))
config = model_json["modelTopology"]["model_config"]["config"]
for layer in config["layers"]:  # 1. the input shape under the name TF.js reads
    if "batch_shape" in layer["config"]:
        layer["config"]["batch_input_shape"] = layer["config"].pop("batch_shape")
prefix = config["name"] + "/"  # 2. weight names without the model's name: "hidden/kernel"
for group in model_json["weightsManifest"]:
    for weight in group["weights"]:
        weight["name"] = weight["name"].removeprefix(prefix)
json.dump(model_json, open("tfjs_fixed/model.json", "w"))

here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "predict.js"), "tfjs_fixed/model.json",
                       json.dumps(np.load("x_test.npy").tolist())],
                      capture_output=True, text=True, check=True)
predicted = np.array(json.loads(node.stdout.splitlines()[-1]), dtype=np.float32)
print("TF.js predicts what Keras 3 predicted:", np.allclose(predicted, np.load("expected.npy"), atol=1e-6))
# --8<-- [end:code]
