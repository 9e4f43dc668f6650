# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import keras
import tf2onnx

model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])
try:
    tf2onnx.convert.from_keras(model, output_path="model.onnx")
except Exception as exc:  # printed as Python prints it when it is not caught
    print(f"{type(exc).__name__}: {exc}")
# --8<-- [end:code]
