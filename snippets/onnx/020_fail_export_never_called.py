# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import keras

model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])
model.export("model.onnx", format="onnx")  # Keras 3's own ONNX export (tf2onnx inside)
# --8<-- [end:code]
