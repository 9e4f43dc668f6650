# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np

weights = [1.0, 2.0, 3.0]  # plain JSON values

# Values passed through `arguments=` are stored in the config, and the lambda names
# only its own parameters: nothing global, nothing closed over.
inputs = keras.Input(shape=(3,))
outputs = keras.layers.Lambda(lambda x, w: x * w, arguments={"w": weights})(inputs)
keras.Model(inputs, outputs).save("arguments.keras")

model = keras.models.load_model("arguments.keras", safe_mode=False)  # a file you trust
print(model.predict(np.ones((1, 3), dtype="float32"), verbose=0))
# --8<-- [end:code]
