# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.13.2", "keras3>=3.15"]
# needs = {"tf-keras:050_check_checkpoint_holds_weights_only.py" = ["ckpts"]}
# ///
# --8<-- [start:code]
import keras


class Scale(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.scale


inputs = keras.Input(shape=(4,))
x = keras.layers.Dense(2, name="dense")(inputs)
x = keras.layers.Lambda(lambda t: t * 2.0, name="double")(x)
model = keras.Model(inputs, Scale(name="scale")(x))

model.load_weights("ckpts/ckpt")  # the checkpoint tf.keras (Keras 2) wrote
# --8<-- [end:code]
