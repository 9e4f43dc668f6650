# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras

x, y = np.ones((8, 4), "float32"), np.ones((8, 1), "float32")
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss=keras.losses.MeanSquaredError(),
              metrics=[keras.metrics.MeanAbsoluteError()])
model.fit(x, y, verbose=0)
model.save("model.h5")

print("--- load")
loaded = keras.models.load_model("model.h5")  # compiled again, the metrics not built yet
print("metrics before evaluate:", loaded.metrics_names)
print("evaluate:", len(loaded.evaluate(x, y, verbose=0)), "values")
print("metrics after evaluate:", loaded.metrics_names)
# --8<-- [end:code]
