# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras

inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, keras.layers.Lambda(lambda y: y * 2.0)(inputs))
as_json = model.to_json()

# load_model takes safe_mode; model_from_json does not
keras.models.model_from_json(as_json, safe_mode=False)
# --8<-- [end:code]
