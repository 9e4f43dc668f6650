# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras3-jax"]
# ///
# --8<-- [start:code]
import keras
import tensorflow as tf

print("backend:", keras.backend.backend())
# the architecture of tf_lambda.keras, rebuilt in code (the usual way back for a Lambda,
# tf a real global here): under JAX the Lambda receives JAX arrays, not TensorFlow tensors
inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(3)(inputs)
outputs = keras.layers.Lambda(lambda t: tf.math.softplus(t), output_shape=(3,))(hidden)
model = keras.Model(inputs, outputs)
model.predict(keras.ops.ones((1, 4)), verbose=0)
# --8<-- [end:code]
