# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras2==2.15.*"]
# needs = {"080_check_keras2_savedmodel_custom_layer.py" = ["scale_savedmodel_no_traces", "x_test.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

model = keras.models.load_model("scale_savedmodel_no_traces")  # loads ...
model.predict(np.load("x_test.npy"), verbose=0)  # ... and fails at the first call
# --8<-- [end:code]
