# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras
import numpy as np

keras.utils.set_random_seed(0)
model = keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(3, activation="relu", name="hidden"),
    keras.layers.Dense(1, name="out"),
])
model.save("keras3_model.h5")  # the .h5 file tensorflowjs_converter --input_format keras reads

x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
print("saved keras3_model.h5 with Keras", keras.__version__)
# --8<-- [end:code]
