# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras3-3.15.1", "tf-keras>=2.21"]
# # keras3-3.15.1: the project's .venv, the one Keras 3 environment with tf_keras and tensorflow_hub
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tf_keras

inputs = tf_keras.Input(shape=(3,))
model = tf_keras.Model(inputs, tf_keras.layers.Dense(2)(inputs))
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((4, 3)), np.ones((4, 2)), verbose=0,
          callbacks=[keras.callbacks.EarlyStopping(monitor="loss")])  # a Keras 3 callback
# --8<-- [end:code]
