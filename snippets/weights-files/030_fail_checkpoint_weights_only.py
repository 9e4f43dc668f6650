# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras

# the TensorFlow tutorials' checkpoint path, from the Keras 2 days
callback = keras.callbacks.ModelCheckpoint("training_1/cp.ckpt", save_weights_only=True)
print("callback created:", type(callback).__name__)
# --8<-- [end:code]
