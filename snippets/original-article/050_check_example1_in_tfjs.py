# /// kb
# outcome = "ok"
# scenario = "Article, example 1: Lambda(lambda y: y * 2) saved to .h5 and loaded"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import tensorflow as tf
from tensorflow import keras
import numpy as np

# Data for demonstration
input_data = np.random.rand(100, 10)
labels = np.random.randint(0, 2, 100)


# Creating a model with a lambda layer
def create_lambda_model():
  inputs = keras.layers.Input(shape=(10,))
  x = keras.layers.Dense(32, activation='relu')(inputs)
  # Lambda layer with a custom function
  x = keras.layers.Lambda(lambda y: y * 2)(x)
  outputs = keras.layers.Dense(1, activation='sigmoid')(x)
  model = keras.Model(inputs=inputs, outputs=outputs)
  return model


model = create_lambda_model()

# Training the model (simplified)
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
model.fit(input_data, labels, epochs=2, verbose=0)

# Saving the model
model.save('lambda_model.h5')

# The same .h5 file, converted for TensorFlow.js and loaded there:
from tfjs_check import convert_and_load
convert_and_load("lambda_model.h5")
# --8<-- [end:code]
