# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# needs = {"010_fail_unsupported_op.py" = ["saved_model", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import json
import os
import subprocess

import numpy as np
from tensorflowjs.converters.tf_saved_model_conversion_v2 import convert_tf_saved_model

convert_tf_saved_model("saved_model", "web_model", skip_op_check=True)

here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "register_softsign.js"), "web_model/model.json",
                       json.dumps(np.load("x_test.npy").tolist())],
                      capture_output=True, text=True, check=True)
got = np.array(json.loads(node.stdout.splitlines()[-1]), dtype=np.float32)
print("TF.js with tf.registerOp predicts what Keras predicted:",
      np.allclose(got, np.load("expected.npy"), atol=1e-6))
# --8<-- [end:code]
