# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"010_check_the_file_you_have.py" = ["lambda_model.keras", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import json
import zipfile

import keras
import numpy as np


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


# Rewrite config.json: every Lambda becomes a ScaleLayer(factor=2) with the same name
# and the same connections. The bytecode is dropped, never run.
with zipfile.ZipFile("lambda_model.keras") as src, zipfile.ZipFile("patched.keras", "w") as dst:
    config = json.loads(src.read("config.json"))
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "Lambda":
            print("replacing", layer["name"])
            layer.update(class_name="ScaleLayer", module=None, registered_name="ScaleLayer")
            layer["config"] = {"name": layer["config"]["name"], "factor": 2,
                               "trainable": True, "dtype": layer["config"]["dtype"]}
            for node in layer["inbound_nodes"]:
                node["kwargs"].pop("mask", None)  # a Lambda call argument ScaleLayer lacks
    for item in src.infolist():
        data = json.dumps(config) if item.filename == "config.json" else src.read(item)
        dst.writestr(item, data)

model = keras.models.load_model("patched.keras", custom_objects={"ScaleLayer": ScaleLayer})
predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
# --8<-- [end:code]
