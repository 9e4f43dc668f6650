# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"030_fix_keras3_tfsmlayer.py" = ["with_tfsmlayer.keras", "hub_module", "x.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

# Only for a SavedModel you trust: loading it runs its TensorFlow graph.
model = keras.models.load_model("with_tfsmlayer.keras", safe_mode=False)
predicted = model.predict(np.load("x.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
