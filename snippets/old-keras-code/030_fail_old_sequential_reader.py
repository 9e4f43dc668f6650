# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras2==2.12.*", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import json

from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, name="dense")], name="sequential")
config = json.loads(model.to_json())["config"]
print("Sequential config:", type(config).__name__, "with keys", list(config))

# what an old Keras 2 reader did: it expected a list of layer configs and walked it,
# which for the newer dict walks its keys
for layer_config in config:
    keras.layers.deserialize(layer_config)
# --8<-- [end:code]
