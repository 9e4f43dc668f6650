# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*", "tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import tensorflow as tf
from tensorflow import keras  # Keras 2: TensorFlow 2.15, or tf-keras

from keras_doctor import main

# A TensorFlow op applied to a Keras tensor: Keras 2 wraps it in a TFOpLambda layer.
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = tf.math.pow(x, 2)
model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))
model.save("keras2_tfop.h5")
model.save("keras2_tfop_savedmodel")  # no extension: Keras 2 writes a SavedModel directory

main(["keras2_tfop.h5"])
print()
main(["keras2_tfop_savedmodel"])
# --8<-- [end:code]
