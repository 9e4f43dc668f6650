# /// kb
# outcome = "ok"
# runtimes = ["keras3"]
# ///
# --8<-- [start:code]
import keras

# which names a whole-model ModelCheckpoint accepts on this release
for name in ("model-{epoch:02d}.keras", "model-{epoch:02d}.h5", "model-{epoch:02d}.hdf5"):
    try:
        keras.callbacks.ModelCheckpoint(name)
        print(name, "accepted")
    except ValueError as exc:
        print(name, "refused:", str(exc).split(" Received")[0])
# --8<-- [end:code]
