# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# needs = {"050_check_checkpoint_holds_weights_only.py" = ["ckpts", "x.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
from tensorflow import keras


class Scale(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.scale


# the model rebuilt from code that forgot the Lambda
inputs = keras.Input(shape=(4,))
x = keras.layers.Dense(2, name="dense")(inputs)
model = keras.Model(inputs, Scale(name="scale")(x))

model.load_weights("ckpts/ckpt").assert_consumed()  # every value found a variable
print("loaded, nothing missing")
print("same output:", np.allclose(model(np.load("x.npy")), np.load("expected.npy")))
# --8<-- [end:code]
