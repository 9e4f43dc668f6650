# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import os

os.environ["TQDM_DISABLE"] = "1"

import coremltools as ct
import keras
import tensorflow as tf


@keras.saving.register_keras_serializable(package="demo")
class Scale(keras.layers.Layer):  # a custom layer
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor


inputs = keras.Input(shape=(4,), name="features")
x = keras.layers.Lambda(lambda t: keras.ops.relu(t) + 1.0)(inputs)  # a Lambda
model = keras.Model(inputs, keras.layers.Dense(1)(Scale(3.0)(x)))

serve = tf.function(lambda t: model(t),
                    input_signature=[tf.TensorSpec((None, 4), tf.float32, name="features")])
mlmodel = ct.convert([serve.get_concrete_function()], source="tensorflow",
                     inputs=[ct.TensorType(name="features", shape=(1, 4))])
print("Core ML program ops:",
      [op.op_type for op in mlmodel._mil_program.functions["main"].operations])
# --8<-- [end:code]
