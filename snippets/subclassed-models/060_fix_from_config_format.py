# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
inner = model.get_config()  # {"name": ..., "layers": [...]}: what from_config takes
whole = model.to_json()  # the whole object as JSON: what model_from_json takes

print(type(keras.Sequential.from_config(inner)).__name__)
print(type(keras.models.model_from_json(whole)).__name__)
print("keras.models.model_from_config:", hasattr(keras.models, "model_from_config"))
# --8<-- [end:code]
