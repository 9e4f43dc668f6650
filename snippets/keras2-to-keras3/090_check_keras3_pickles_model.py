# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import pickle

import keras
import numpy as np

keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
model = keras.Model(inputs, keras.layers.Dense(1)(inputs))

x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))

with open("model.pkl", "wb") as f:  # or joblib.dump(model, ...): the same pickle inside
    pickle.dump(model, f)
print("pickled by keras", keras.__version__)
# --8<-- [end:code]
