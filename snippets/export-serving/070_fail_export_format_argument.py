# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import tf_keras as keras  # tf.keras with TF_USE_LEGACY_KERAS=1 is the same

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.export("models/my_model/1", "tf_saved_model")  # Keras 3's signature: (filepath, format)
# --8<-- [end:code]
