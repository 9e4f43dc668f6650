# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import coremltools as ct

# the Keras 1/2 converter of coremltools 3 and older ("Keras layer ... not supported")
ct.converters.keras.convert("model.h5")
# --8<-- [end:code]
