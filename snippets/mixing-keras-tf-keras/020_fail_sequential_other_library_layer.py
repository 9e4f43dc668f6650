# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3-3.15.1", "tf-keras>=2.21"]
# # keras3-3.15.1: the project's .venv, the one Keras 3 environment with tf_keras and tensorflow_hub
# ///
# --8<-- [start:code]
import keras  # Keras 3
import tf_keras  # tf-keras (Keras 2): what tf.keras is with TF_USE_LEGACY_KERAS=1

model = tf_keras.Sequential([
    tf_keras.Input(shape=(3,)),
    keras.layers.Dense(2),  # a Keras 3 layer in a tf-keras model
])
# --8<-- [end:code]
