# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("saved_model", save_format="tf")  # Keras 2: a SavedModel directory
print("saved saved_model/")
# --8<-- [end:code]
