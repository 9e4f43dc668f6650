# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# needs = {"060_check_tf_keras_save_keraslayer.py" = ["hub_model.h5", "hub_module", "x.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow_hub as hub
from tensorflow import keras

model = keras.models.load_model("hub_model.h5", custom_objects={"KerasLayer": hub.KerasLayer})
predicted = model.predict(np.load("x.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
