# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras

inputs = keras.Input(shape=(10,))
model = keras.Model(inputs, keras.layers.Dense(1)(inputs))
model.save("keras3_model.h5")
model.save("keras3_model.keras")
print("saved by keras", keras.__version__)
# --8<-- [end:code]
