# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"010_check_make_hub_module.py" = ["hub_module"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tensorflow as tf

# Keras 3's own wrapper for a SavedModel: a real keras.Layer (inference only).
hub_layer = keras.layers.TFSMLayer("hub_module", call_endpoint="serving_default")
inputs = keras.Input(shape=(3,))
outputs = hub_layer(inputs)["output_0"]
model = keras.Model(inputs, outputs)

x = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
direct = tf.saved_model.load("hub_module").signatures["serving_default"](tf.constant(x))
print("model:", model.predict(x, verbose=0).tolist())
print("same as the SavedModel itself:", np.array_equal(model.predict(x, verbose=0),
                                                        direct["output_0"].numpy()))
np.save("x.npy", x)
np.save("expected.npy", model.predict(x, verbose=0))
model.save("with_tfsmlayer.keras")  # stores the path to hub_module/, not its contents
# --8<-- [end:code]
