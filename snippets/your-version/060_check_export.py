# /// kb
# outcome = "ok"
# runtimes = ["keras3"]
# needs = {"010_check_save_every_case.py" = ["plain.keras", "x.npy", "plain.expected.npy"]}
# ///
# --8<-- [start:code]
import contextlib
import io

import numpy as np
from scan import first_line, keras

# export a model for serving (a TensorFlow SavedModel), then read it back two ways
model = keras.models.load_model("plain.keras")
try:
    model.export("exported", verbose=False)
except TypeError:  # no verbose argument yet: it prints the signature, with object ids
    with contextlib.redirect_stdout(io.StringIO()):
        model.export("exported")
print("model.export: a SavedModel directory")
try:
    layer = keras.layers.TFSMLayer("exported", call_endpoint="serve")
    got = np.asarray(layer(np.load("x.npy")))
    same = np.allclose(got, np.load("plain.expected.npy"), rtol=1e-5, atol=1e-6)
    print(f"TFSMLayer: loads; predictions {'equal' if same else 'differ'}")
except Exception as exc:
    print(f"TFSMLayer: fails: {first_line(exc)}")
try:
    keras.models.load_model("exported")
    print("load_model(SavedModel directory): loads")
except Exception as exc:
    print(f"load_model(SavedModel directory): fails: {first_line(exc)}")
# --8<-- [end:code]
