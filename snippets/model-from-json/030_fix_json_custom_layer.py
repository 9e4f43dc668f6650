# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras
import numpy as np


class Double(keras.layers.Layer):  # the Lambda's code as a class: the JSON holds only its name
    def call(self, inputs):
        return inputs * 2.0


inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, Double()(inputs))
as_json, config = model.to_json(), model.get_config()

x = np.ones((1, 4), "float32")
from_json = keras.models.model_from_json(as_json, custom_objects={"Double": Double})
from_config = keras.Model.from_config(config, custom_objects={"Double": Double})
print(from_json(x).numpy().tolist(), from_config(x).numpy().tolist())
# --8<-- [end:code]
