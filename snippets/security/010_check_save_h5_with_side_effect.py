# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import os

import keras
import numpy as np

# A harmless stand-in for an attacker's payload: when the lambda is called, it
# appends a line to pwned.txt, then returns its input unchanged.
payload = lambda x: (open("pwned.txt", "a").write("code from the model file ran\n"), x)[1]

inputs = keras.Input(shape=(2,))
hidden = keras.layers.Dense(2, name="dense")(inputs)
outputs = keras.layers.Lambda(payload, name="innocent_looking")(hidden)
model = keras.Model(inputs, outputs)
model.save("side_effect.h5")  # the bytecode of `payload` goes into the file

x_test = np.array([[1.0, 2.0]], dtype="float32")
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))

print("the lambda ran while the model was built:", os.path.exists("pwned.txt"))
os.remove("pwned.txt")  # the loading scripts start without it
# --8<-- [end:code]
