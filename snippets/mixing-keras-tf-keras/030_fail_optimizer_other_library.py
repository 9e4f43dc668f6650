# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3-3.15.1", "tf-keras>=2.21"]
# # keras3-3.15.1: the project's .venv, the one Keras 3 environment with tf_keras and tensorflow_hub
# ///
# --8<-- [start:code]
import keras
import tf_keras

inputs = tf_keras.Input(shape=(3,))
model = tf_keras.Model(inputs, tf_keras.layers.Dense(2)(inputs))
model.compile(optimizer=keras.optimizers.Adam(), loss="mse")  # a Keras 3 optimizer
# --8<-- [end:code]
