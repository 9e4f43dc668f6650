# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras
import numpy as np

x, y = np.ones((8, 4), "float32"), np.ones((8, 1), "float32")


def build():
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model


trained = build()
trained.fit(x, y, epochs=1, verbose=0)  # the optimizer has its slots now
trained.save("trained.keras")

fresh = build()  # compiled, never trained: its optimizer has no slots yet
fresh.load_weights("trained.keras")  # the layers load; the optimizer state is skipped
print("weights equal:", np.allclose(fresh(x), trained(x)))
# --8<-- [end:code]
