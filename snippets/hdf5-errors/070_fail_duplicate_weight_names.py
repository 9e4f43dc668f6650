# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras


class Gate(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(name="w", shape=(1,), initializer="ones")
        self.shift = self.add_weight(name="w", shape=(1,), initializer="zeros")  # same name

    def call(self, inputs):
        return inputs * self.scale + self.shift


inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, Gate()(inputs))
model.save("model.h5")  # HDF5 stores each weight under its name
# --8<-- [end:code]
