# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"060_fix_save_custom_optimizer.py" = ["custom_optimizer.h5", "custom_optimizer.keras"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

x, y = np.ones((8, 4), "float32"), np.ones((8, 1), "float32")
for path in ("custom_optimizer.h5", "custom_optimizer.keras"):
    model = keras.models.load_model(path, compile=False)  # architecture and weights only
    print(path, "optimizer:", getattr(model, "optimizer", None), "prediction:", model(x[:1]).shape)

# what it costs: no optimizer, loss or metrics; to train again, compile anew,
# and the optimizer starts from zero (its moments and step count are not restored)
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=1, verbose=0)
print("steps after one more epoch:", int(model.optimizer.iterations))
# --8<-- [end:code]
