# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import json

import h5py
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("model.h5")

with h5py.File("model.h5", "r") as f:
    value = f.attrs["model_config"]
    print("h5py", h5py.__version__, "reads the attribute as", type(value).__name__)
    # the line old Keras (standalone 2.2/2.3, tf.keras up to TensorFlow 2.3) ran here:
    model_config = json.loads(value.decode("utf-8"))
# --8<-- [end:code]
