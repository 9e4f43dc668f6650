# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # Keras 3, or Keras 2 on TensorFlow 2.15 / with tf-keras

from keras_doctor import main

# The same model, saved in the native .keras format:
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
keras.Model(inputs, outputs).save("lambda_model.keras")

main(["lambda_model.keras"])  # keras-doctor lambda_model.keras
# --8<-- [end:code]
