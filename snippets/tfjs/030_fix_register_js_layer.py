# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# needs = {"010_check_convert_keras2_h5.py" = ["tfjs_model", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import json
import os
import subprocess

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
x_test = np.load("x_test.npy")
node = subprocess.run(["node", os.path.join(here, "load_model_with_lambda.js"),
                       "tfjs_model/model.json", json.dumps(x_test.tolist())],
                      capture_output=True, text=True, check=True)
predicted = np.array(json.loads(node.stdout.splitlines()[-1]), dtype=np.float32)
expected = np.load("expected.npy")
print("TF.js predicts what Keras predicted:", np.allclose(predicted, expected, atol=1e-6))
# --8<-- [end:code]
