# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save_weights("model.weights.h5")  # the weights only: no architecture in the file

keras.models.load_model("model.weights.h5")
# --8<-- [end:code]
