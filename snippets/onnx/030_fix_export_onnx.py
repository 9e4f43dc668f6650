# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import keras
import numpy as np
import onnxruntime as ort

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])
x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
expected = model.predict(x_test, verbose=0)  # the export needs a model that has been called

model.export("model.onnx", format="onnx", verbose=False)
session = ort.InferenceSession("model.onnx")
print("inputs:", [(i.name, i.shape) for i in session.get_inputs()])
got = session.run(None, {"features": x_test})[0]
print("onnxruntime predicts what Keras predicted:", np.allclose(got, expected, atol=1e-6))
# --8<-- [end:code]
