# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras
import numpy as np

keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
expected = model.predict(x_test, verbose=0)

# A SavedModel holds a traced TensorFlow graph: no Python, no Lambda to rebuild.
model.export("exported_model", verbose=False)

# Reload it for inference in Keras 3, without the model's Python code.
served = keras.layers.TFSMLayer("exported_model", call_endpoint="serve")
predicted = np.asarray(served(x_test))
print("identical predictions:", np.array_equal(predicted, expected))
# --8<-- [end:code]
