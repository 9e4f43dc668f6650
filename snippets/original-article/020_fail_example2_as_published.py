# /// kb
# outcome = "raises"
# exception = "NameError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import tensorflow as tf
from tensorflow import keras
import numpy as np


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


# Loading the model, no errors
loaded_model = keras.models.load_model('custom_layer_model.h5', custom_objects={'ScaleLayer': ScaleLayer})


print("Model loaded successfully with custom layer.")
# --8<-- [end:code]
