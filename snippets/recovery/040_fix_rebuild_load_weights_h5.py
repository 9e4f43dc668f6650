# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_the_file_you_have.py" = ["lambda_model.h5", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
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


# The same architecture, written in code, with ScaleLayer where the Lambda was.
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = ScaleLayer(2)(x)
model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
model.load_weights("lambda_model.h5")  # reads weights only; runs nothing from the file

predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))
model.save("scale_model.keras")  # from now on, a file that loads without safe_mode=False
# --8<-- [end:code]
