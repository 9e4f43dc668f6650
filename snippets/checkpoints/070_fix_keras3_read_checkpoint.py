# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"tf-keras:050_check_checkpoint_holds_weights_only.py" = ["ckpts", "x.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tensorflow as tf


class Scale(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.scale


inputs = keras.Input(shape=(4,))
x = keras.layers.Dense(2, name="dense")(inputs)
x = keras.layers.Lambda(lambda t: t * 2.0, name="double")(x)
model = keras.Model(inputs, Scale(name="scale")(x))

# Keras 2 numbered the layers that have weights, in order, and named each weight by the
# attribute that holds it: layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE
reader = tf.train.load_checkpoint("ckpts/ckpt")
for i, layer in enumerate(l for l in model.layers if l.weights):
    for w in layer.weights:
        key = f"layer_with_weights-{i}/{w.name}/.ATTRIBUTES/VARIABLE_VALUE"
        w.assign(reader.get_tensor(key))
        print(layer.name, w.name, "<-", key)

print("same output:", np.allclose(model(np.load("x.npy")), np.load("expected.npy")))
model.save_weights("model.weights.h5")  # Keras 3's own weights file, from now on
# --8<-- [end:code]
