# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np
from my_optimizers import MyAdam

x, y = np.ones((8, 4), "float32"), np.ones((8, 1), "float32")
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer=MyAdam(), loss="mse")
model.fit(x, y, epochs=1, verbose=0)
model.save("custom_optimizer.keras")
model.save("custom_optimizer.h5")
print("registered as", keras.utils.get_registered_name(MyAdam))
# --8<-- [end:code]
