# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*", "keras2-py3.10"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # Keras 3, or Keras 2 on TensorFlow 2.15 / with tf-keras

from keras_doctor import main  # the keras-doctor command, called from Python

# The model of "Why Unknown layer: Lambda", saved as .h5:
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
keras.Model(inputs, outputs).save("lambda_model.h5")

main(["lambda_model.h5"])  # keras-doctor lambda_model.h5
# --8<-- [end:code]
