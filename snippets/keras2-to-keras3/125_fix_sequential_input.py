# /// kb
# outcome = "ok"
# runtimes = ["keras3"]
# ///
# --8<-- [start:code]
import keras

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),  # an Input first: Keras 3 creates it at once
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(2, activation="softmax"),
])
features = keras.Model(inputs=model.inputs, outputs=model.layers[-2].output)  # inputs, a list
print(features.output.shape)
try:
    model.input  # still undefined on a Sequential that was never called
except (AttributeError, ValueError) as exc:
    print(f"model.input: {type(exc).__name__}")
# --8<-- [end:code]
