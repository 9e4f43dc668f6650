# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # the Keras TensorFlow uses: Keras 3, tf-keras or Keras 2


class ScaleLayer(keras.layers.Layer):  # no get_config at all
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor


inputs = keras.Input(shape=(10,))
keras.Model(inputs, ScaleLayer(3)(inputs)).save("model.keras")
loaded = keras.models.load_model("model.keras", custom_objects={"ScaleLayer": ScaleLayer})
print("factor after loading:", loaded.layers[1].factor)
print("recorded config:", loaded.layers[1].get_config()["factor"])
# --8<-- [end:code]
