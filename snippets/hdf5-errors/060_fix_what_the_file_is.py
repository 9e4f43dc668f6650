# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import os
import shutil

import keras


def what_is(path):
    """What the first bytes say the file is, whatever its name."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head == b"\x89HDF\r\n\x1a\n":
        return "HDF5"
    if head.startswith(b"PK\x03\x04"):
        return "zip (a .keras file)"
    if head.startswith(b"version "):
        return "a Git LFS pointer: run `git lfs pull`, or download the file itself"
    return f"something else: {head!r}"


model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.save("model.keras")
shutil.copy("model.keras", "renamed.h5")
with open("pointer.h5", "w") as f:
    f.write("version https://git-lfs.github.com/spec/v1\n")
for path in ("renamed.h5", "pointer.h5"):
    print(path, "is", what_is(path))

os.rename("renamed.h5", "renamed.keras")  # give the zip its name back
print(keras.models.load_model("renamed.keras").name, "loads")
# --8<-- [end:code]
