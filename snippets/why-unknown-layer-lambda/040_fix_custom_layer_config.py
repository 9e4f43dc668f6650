# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import json
import zipfile

import keras


class ScaleLayer(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = ScaleLayer(factor=2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
keras.Model(inputs, outputs).save("scale_model.keras")

with zipfile.ZipFile("scale_model.keras") as z:
    config = json.loads(z.read("config.json"))
layer = next(l for l in config["config"]["layers"] if l["class_name"] == "ScaleLayer")
print(json.dumps({k: layer[k] for k in ("module", "class_name", "registered_name", "config")}, indent=1))

# No code in the file: the loader supplies the class, the file supplies factor=2.
loaded = keras.models.load_model("scale_model.keras", custom_objects={"ScaleLayer": ScaleLayer})
print(type(loaded.layers[2]).__name__, loaded.layers[2].factor)
# --8<-- [end:code]
