# /// kb
# outcome = "ok"
# scenario = "Article, example 2: ScaleLayer(factor) saved to .h5, loaded with custom_objects"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import tensorflow as tf
from tensorflow import keras
import numpy as np

input_data = np.random.rand(100, 10)
labels = np.random.randint(0, 2, 100)


# Custom layer
class ScaleLayer(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super(ScaleLayer, self).__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super(ScaleLayer, self).get_config()
        config.update({'factor': self.factor})
        return config


# Creating a model with the custom layer
def create_custom_layer_model():
  inputs = keras.layers.Input(shape=(10,))
  x = keras.layers.Dense(32, activation='relu')(inputs)
  x = ScaleLayer(factor=2)(x) # Replace lambda with our custom layer
  outputs = keras.layers.Dense(1, activation='sigmoid')(x)
  model = keras.Model(inputs=inputs, outputs=outputs)
  return model


model = create_custom_layer_model()
# Training the model (simplified)
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
model.fit(input_data, labels, epochs=2, verbose=0)


# Saving the model
model.save('custom_layer_model.h5')

# The same .h5 file, converted for TensorFlow.js and loaded there:
from tfjs_check import convert_and_load
convert_and_load("custom_layer_model.h5")
# --8<-- [end:code]
