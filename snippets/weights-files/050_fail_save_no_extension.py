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
model.save("my_model")  # no extension: a SavedModel directory in Keras 2
print("saved my_model/")
# --8<-- [end:code]
