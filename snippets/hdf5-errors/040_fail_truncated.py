# /// kb
# outcome = "raises"
# exception = "OSError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("full.h5")
with open("full.h5", "rb") as f:
    data = f.read()
with open("model.h5", "wb") as f:  # a download that stopped half way
    f.write(data[:len(data) // 2])

keras.models.load_model("model.h5")
# --8<-- [end:code]
