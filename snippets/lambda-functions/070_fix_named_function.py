# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras
import numpy as np


def double(y):
    return y * 2


inputs = keras.Input(shape=(10,))
model = keras.Model(inputs, keras.layers.Lambda(double)(inputs))
model.save("double_model.keras")

# No safe_mode=False needed: the file names the function, the loader supplies it.
loaded = keras.models.load_model("double_model.keras", custom_objects={"double": double})
x = np.ones((1, 10), dtype="float32")
print("identical predictions:", np.array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0)))
# --8<-- [end:code]
