# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras


@keras.saving.register_keras_serializable()
class Gate(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(1,), initializer="ones")
        self.shift = self.add_weight(name="shift", shape=(1,), initializer="zeros")

    def call(self, inputs):
        return inputs * self.scale + self.shift


inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, Gate()(inputs))
model.save("model.h5")  # one name per weight
model.save("model.keras")  # .keras stores weights by position: duplicate names do not matter
for path in ("model.h5", "model.keras"):
    print(path, [w.name for w in keras.models.load_model(path).layers[1].weights])
# --8<-- [end:code]
