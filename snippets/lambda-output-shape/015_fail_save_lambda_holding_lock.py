# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras2==2.15.*", "tf-keras>=2.21", "keras3>=3.15"]
# ///
# --8<-- [start:code]
import threading

from tensorflow import keras  # Keras 3, or Keras 2 on TensorFlow 2.15 / with tf-keras


class Vocabulary:  # a helper that guards its state with a lock, as caches and clients do
    def __init__(self):
        self.lock = threading.Lock()
        self.scale = 3.0


inputs = keras.Input(shape=(3,))
outputs = keras.layers.Lambda(
    lambda x, vocab: x * vocab.scale, arguments={"vocab": Vocabulary()})(inputs)
keras.Model(inputs, outputs).save("locked.h5")
# --8<-- [end:code]
