# /// kb
# outcome = "raises"
# exception = "KeyError"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import keras
import tf2onnx

model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])
tf2onnx.convert.from_keras(model, output_path="model.onnx")
# --8<-- [end:code]
