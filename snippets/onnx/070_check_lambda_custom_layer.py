# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import keras
import numpy as np
import onnx
import onnxruntime as ort


@keras.saving.register_keras_serializable(package="demo")
class Scale(keras.layers.Layer):  # a custom layer
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor


keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(4,), name="features")
x = keras.layers.Lambda(lambda t: keras.ops.relu(t) + 1.0)(inputs)  # a Lambda
model = keras.Model(inputs, keras.layers.Dense(1)(Scale(3.0)(x)))
x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
expected = model.predict(x_test, verbose=0)
model.export("model.onnx", format="onnx", verbose=False)

print("ONNX nodes:", [node.op_type for node in onnx.load("model.onnx").graph.node])
session = ort.InferenceSession("model.onnx")  # no Scale class, no safe_mode
print("onnxruntime predicts what Keras predicted:",
      np.allclose(session.run(None, {"features": x_test})[0], expected, atol=1e-6))
# --8<-- [end:code]
