# /// kb
# outcome = "ok"
# scenario = "Article, example 3: Lambda(tf.math.pow) to .h5, then PowerLayer(power)"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import tensorflow as tf
from tensorflow import keras
import numpy as np

# Data for demonstration
input_data = np.random.rand(100, 10)
labels = np.random.randint(0, 2, 100)


# Creating a model with a lambda layer using element-wise operations
def create_lambda_element_model():
  inputs = keras.layers.Input(shape=(10,))
  x = keras.layers.Dense(32, activation='relu')(inputs)
  # Lambda layer with element-wise operation
  x = keras.layers.Lambda(lambda y: tf.math.pow(y, 2))(x)
  outputs = keras.layers.Dense(1, activation='sigmoid')(x)
  model = keras.Model(inputs=inputs, outputs=outputs)
  return model


model = create_lambda_element_model()


# Training the model (simplified)
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
model.fit(input_data, labels, epochs=2, verbose=0)

# Saving the model
model.save('lambda_element_model.h5')

# Custom layer for the equivalent operation
class PowerLayer(keras.layers.Layer):
    def __init__(self, power, **kwargs):
        super(PowerLayer, self).__init__(**kwargs)
        self.power = power
    def call(self, inputs):
        return tf.math.pow(inputs, self.power)
    def get_config(self):
      config = super(PowerLayer, self).get_config()
      config.update({'power': self.power})
      return config


# Fixing the model creation to use PowerLayer
def create_fixed_element_model():
  inputs = keras.layers.Input(shape=(10,))
  x = keras.layers.Dense(32, activation='relu')(inputs)
  x = PowerLayer(power=2)(x) #Replace the lambda layer
  outputs = keras.layers.Dense(1, activation='sigmoid')(x)
  model = keras.Model(inputs=inputs, outputs=outputs)
  return model


fixed_model = create_fixed_element_model()


# Training the fixed model (simplified)
fixed_model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
fixed_model.fit(input_data, labels, epochs=2, verbose=0)


fixed_model.save('fixed_element_model.h5')

# Both .h5 files, converted for TensorFlow.js and loaded there:
from tfjs_check import convert_and_load
convert_and_load("lambda_element_model.h5")
convert_and_load("fixed_element_model.h5")
# --8<-- [end:code]
