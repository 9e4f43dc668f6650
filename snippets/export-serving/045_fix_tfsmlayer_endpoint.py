# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.0", "keras3>=3.15"]
# needs = {"010_check_export_layout.py" = ["models", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

layer = keras.layers.TFSMLayer("models/my_model/1", call_endpoint="serving_default")
out = layer(np.load("x_test.npy"))  # a dict: the signature's outputs
print(sorted(out), np.allclose(out["output_0"], np.load("expected.npy"), atol=1e-6))

# the "serve" endpoint takes the input by position and returns the tensor itself
serve = keras.layers.TFSMLayer("models/my_model/1", call_endpoint="serve")
print(np.allclose(serve(np.load("x_test.npy")), np.load("expected.npy"), atol=1e-6))
# --8<-- [end:code]
