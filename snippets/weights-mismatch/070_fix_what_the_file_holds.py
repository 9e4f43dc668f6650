# /// kb
# outcome = "ok"
# runtimes = ["keras3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
import h5py
from tensorflow import keras


def build():  # names of your own: the same each time the model is built
    return keras.Sequential([keras.Input(shape=(4,)),
                             keras.layers.Dense(8, name="hidden"),
                             keras.layers.Dense(1, name="score")])


build().save("model.h5")

model = build()
with h5py.File("model.h5", "r") as f:
    print("the file holds:", list(f["model_weights"]))  # look before you read by name
    for layer in model.layers:
        print(layer.name, "->", list(f["model_weights"][layer.name]))

model.load_weights("model.h5")  # or let Keras match the weights to the layers
print("loaded into", [layer.name for layer in model.layers])
# --8<-- [end:code]
