# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import coremltools as ct

# the Keras 1/2 converter of coremltools 3 and older ("Keras layer ... not supported")
try:
    ct.converters.keras.convert("model.h5")
except Exception as exc:  # printed as Python prints it when it is not caught
    print(f"{type(exc).__name__}: {exc}")
# --8<-- [end:code]
