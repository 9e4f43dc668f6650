# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter


@keras.saving.register_keras_serializable(package="demo")
class Scale(keras.layers.Layer):  # a custom layer
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


keras.config.disable_interactive_logging()
keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(4,))
x = keras.layers.Lambda(lambda t: t * 2.0 + 1.0)(inputs)  # a Lambda that names no module
outputs = keras.layers.Dense(1)(Scale(3.0)(x))
keras.Model(inputs, outputs).save("model.keras")

# The converter needs the Keras model in memory: loading it needs the class and the Lambda's trust
model = keras.models.load_model("model.keras", safe_mode=False)
interpreter = Interpreter(model_content=tf.lite.TFLiteConverter.from_keras_model(model).convert())
print("ops in the .tflite:", [op["op_name"] for op in interpreter._get_ops_details()])
interpreter.allocate_tensors()
x_test = np.random.default_rng(0).random((1, 4), dtype=np.float32)
interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x_test)
interpreter.invoke()
print("LiteRT predicts what Keras predicted:",
      np.allclose(interpreter.get_tensor(interpreter.get_output_details()[0]["index"]),
                  model.predict(x_test, verbose=0), atol=1e-6))
# --8<-- [end:code]
