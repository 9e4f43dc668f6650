# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import json

import h5py
import numpy as np
from tensorflow import keras


class Scale(keras.layers.Layer):  # a custom layer
    def call(self, inputs):
        return inputs * 3.0


inputs = keras.Input(shape=(1,))
x = inputs
for i in range(40):  # 40 layers with 2 KB names: 80 KB of names
    x = keras.layers.Dense(1, name=f"block{i:02d}_" + "conv_bn_relu_" * 160)(x)
x = keras.layers.Lambda(lambda t: t * 2.0, name="double")(x)  # a Lambda: its code goes in the config
model = keras.Model(inputs, Scale(name="scale")(x))
print("config:", len(json.dumps(model.get_config())) // 1000, "KB")

model.save("model.h5")
with h5py.File("model.h5", "r") as f:
    print("file attributes:", sorted(f.attrs))                  # the config: one string, no limit
    print("model_weights attributes:", sorted(f["model_weights"].attrs))  # the names: split in chunks

loaded = keras.models.load_model("model.h5", custom_objects={"Scale": Scale}, safe_mode=False)
x = np.ones((1, 1), "float32")
print("same output:", np.allclose(loaded(x), model(x)))
# --8<-- [end:code]
