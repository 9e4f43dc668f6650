# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import importlib.util

from tensorflow import keras

# the check: is h5py installed in the Python that runs Keras? (if not: pip install h5py)
print("h5py installed:", importlib.util.find_spec("h5py") is not None)

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("model.h5")
model.save("model.keras")
print(keras.models.load_model("model.h5").name, "and",
      keras.models.load_model("model.keras").name, "load")
# --8<-- [end:code]
