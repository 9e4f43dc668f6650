# /// kb
# outcome = "raises"
# exception = "SystemExit"
# runtimes = ["tfjs"]
# needs = {"010_fail_unsupported_op.py" = ["saved_model", "x_test.npy"]}
# ///
# --8<-- [start:code]
import json
import os
import subprocess
import sys

import numpy as np
from tensorflowjs.converters.tf_saved_model_conversion_v2 import convert_tf_saved_model

# --skip_op_check: the converter writes the model; TF.js meets the op when it runs it
convert_tf_saved_model("saved_model", "web_model", skip_op_check=True)

here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "run_graph_model.js"), "web_model/model.json",
                       "execute", json.dumps(np.load("x_test.npy").tolist())],
                      capture_output=True, text=True)
print(node.stdout, end="")
sys.exit(node.returncode)
# --8<-- [end:code]
