# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# needs = {"010_check_save_savedmodel.py" = ["saved_model_dir", "x.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf

loaded = tf.saved_model.load("saved_model_dir")
print("signatures:", list(loaded.signatures))
serve = loaded.signatures["serving_default"]
_, inputs = serve.structured_input_signature  # the input names it takes, as keywords
print("inputs:", inputs)
print("outputs:", serve.structured_outputs)

(name,) = inputs
result = serve(**{name: tf.constant(np.load("x.npy"))})  # a dict of output tensors
(prediction,) = result.values()
print("same as model.predict:", np.allclose(prediction.numpy(), np.load("expected.npy")))
# --8<-- [end:code]
