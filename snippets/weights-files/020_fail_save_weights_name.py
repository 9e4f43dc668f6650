# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save_weights("checkpoints/model")  # a TensorFlow checkpoint in Keras 2
print("saved checkpoints/model")
model.save_weights("model.h5")  # Keras 2's HDF5 weights
print("saved model.h5")
# --8<-- [end:code]
