# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3"]
# ///
# --8<-- [start:code]
import keras

# a whole-model checkpoint under an HDF5 name, as in Keras 2 code
callback = keras.callbacks.ModelCheckpoint("checkpoints/model-{epoch:02d}.hdf5")
print("callback created:", type(callback).__name__)
# --8<-- [end:code]
