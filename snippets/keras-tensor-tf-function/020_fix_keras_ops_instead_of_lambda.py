# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras
import numpy as np

keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
hidden = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.ops.power(hidden, 2)  # a Keras operation: saved as data, no Lambda, no bytecode
model = keras.Model(inputs, keras.layers.Dense(1)(x))

x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
model.save("ops_model.keras")
model.save("ops_model.h5")

loaded = keras.models.load_model("ops_model.keras")  # default safe_mode: nothing to refuse
print("identical predictions:",
      np.array_equal(loaded.predict(x_test, verbose=0), model.predict(x_test, verbose=0)))
# --8<-- [end:code]
