# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3-3.15.1", "tf-keras>=2.21"]
# # keras3-3.15.1: the project's .venv, the one Keras 3 environment with tf_keras and tensorflow_hub
# ///
# --8<-- [start:code]
import keras
import tf_keras


@keras.saving.register_keras_serializable(package="demo")
class Double(keras.layers.Layer):  # written for Keras 3
    def call(self, x):
        return x * 2


inputs = keras.Input(shape=(3,))
keras.Model(inputs, Double()(inputs)).save("double.keras")  # saved by Keras 3

# ... and loaded, in the same program, by tf-keras (tf.keras with TF_USE_LEGACY_KERAS=1)
tf_keras.models.load_model("double.keras", custom_objects={"Double": Double})
# --8<-- [end:code]
