# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np

from my_layers import PowerLayer  # importing it runs the registration

keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = PowerLayer(power=2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
model.save("power_model.keras")
print("registered as:", keras.saving.get_registered_name(PowerLayer))
# --8<-- [end:code]
