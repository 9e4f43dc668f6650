# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras3>=3.12.4"]
# [expect."keras3>=3.13"]
# outcome = "raises"
# exception = "ValueError"
# ///
# --8<-- [start:code]
import keras
import tensorflow as tf

# no keras.Input: the model has no input shape until it is called or built
model = keras.Sequential([keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])

converter = tf.lite.TFLiteConverter.from_keras_model(model)
converter.convert()
# --8<-- [end:code]
