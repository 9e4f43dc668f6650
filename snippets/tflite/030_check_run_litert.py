# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# needs = {"020_fix_input_shape.py" = ["model.tflite", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
from ai_edge_litert.interpreter import Interpreter  # pip install ai-edge-litert

x_test = np.load("x_test.npy")
interpreter = Interpreter(model_path="model.tflite")
inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
interpreter.resize_tensor_input(inp["index"], x_test.shape)  # the batch size is free
interpreter.allocate_tensors()
interpreter.set_tensor(inp["index"], x_test)
interpreter.invoke()
print("LiteRT predicts what Keras predicted:",
      np.allclose(interpreter.get_tensor(out["index"]), np.load("expected.npy"), atol=1e-6))
# --8<-- [end:code]
