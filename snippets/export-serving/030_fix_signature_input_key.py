# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.0", "keras3>=3.15"]
# needs = {"010_check_export_layout.py" = ["models", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import json

import numpy as np
import tensorflow as tf

serving = tf.saved_model.load("models/my_model/1").signatures["serving_default"]
key = list(serving.structured_input_signature[1])[0]  # "features": the Input's name
out = serving(**{key: tf.constant(np.load("x_test.npy"))})
print("output_0 equals Keras's predictions:",
      np.allclose(out["output_0"].numpy(), np.load("expected.npy"), atol=1e-6))

# the same keys in a TF Serving REST request (POST /v1/models/my_model:predict)
body = {"signature_name": "serving_default",
        "instances": [{key: row} for row in np.load("x_test.npy").astype(float).round(3).tolist()]}
print(json.dumps(body))
# --8<-- [end:code]
