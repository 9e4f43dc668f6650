# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# needs = {"010_check_make_hub_module.py" = ["hub_module"]}
# ///
# --8<-- [start:code]
# tf-keras (Keras 2 API, TF_USE_LEGACY_KERAS=1): hub.KerasLayer is a layer here.
import numpy as np
import tensorflow_hub as hub
from tensorflow import keras

model = keras.Sequential([
    keras.Input(shape=(3,)),
    hub.KerasLayer("hub_module", output_key="output_0"),
    keras.layers.Dense(1, kernel_initializer="ones"),
])
x = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
np.save("x.npy", x)
np.save("expected.npy", model.predict(x, verbose=0))
model.save("hub_model.h5")
print("saved hub_model.h5 with layers:", [type(layer).__name__ for layer in model.layers])
# --8<-- [end:code]
