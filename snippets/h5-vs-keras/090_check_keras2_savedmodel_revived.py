# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*"]
# needs = {"080_check_keras2_savedmodel_custom_layer.py" = ["scale_savedmodel", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

# a loading script that does not define ScaleLayer
model = keras.models.load_model("scale_savedmodel")
layer = model.layers[-1]
print("class:", type(layer).__name__, "- based on", type(layer).__mro__[1].__name__)
print("identical predictions:",
      np.array_equal(model.predict(np.load("x_test.npy"), verbose=0), np.load("expected.npy")))
print("factor known to the revived layer:", hasattr(layer, "factor"))
# --8<-- [end:code]
