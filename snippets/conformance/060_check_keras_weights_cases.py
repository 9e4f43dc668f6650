# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
# A .keras file's weights are an HDF5 file (model.weights.h5) that Keras opens from the zip
# with h5py. Each case here is a model real Keras saved, its weights edited the way a crafted
# file is, then given to the doctor and to Keras's own load_model. The files they point at
# (other.h5, other.bin) are made here, in this folder: nothing outside it is read.
import io
import os
import zipfile

import h5py
import keras
import numpy as np

from case import case, report

inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, keras.layers.Dense(1, name="out")(keras.layers.Dense(2)(inputs)))
model.save("base.keras")
with zipfile.ZipFile("base.keras") as z:
    members = {n: z.read(n) for n in z.namelist()}
with h5py.File("other.h5", "w") as f:
    f["x"] = np.ones((4, 2), "f4")
with open("other.bin", "wb") as f:
    f.write(np.ones((4, 2), "f4").tobytes())


def load(name, path):
    """What this Keras's load_model does with the case's file (defaults: safe_mode=True)."""
    try:
        keras.saving.load_model(f"{name}/{path}")
        print(f"load_model on Keras {keras.__version__}: loads it")
    except Exception as exc:
        print(f"load_model on Keras {keras.__version__}: {type(exc).__name__}: {exc}")


def weights(name, change, unzipped=False):
    """base.keras with the Dense layer's kernel (layers/dense/vars/0) replaced: change(vars)."""
    buf = io.BytesIO(members["model.weights.h5"])
    with h5py.File(buf, "r+") as f:
        change(f["layers/dense/vars"])
    edited = {**members, "model.weights.h5": buf.getvalue()}
    folder = case(name)
    if unzipped:  # Keras 3.15 loads a folder holding config.json as it loads the zip
        path = "model"
        os.makedirs(f"{folder}/{path}")
        for n, data in edited.items():
            with open(f"{folder}/{path}/{n}", "wb") as out:
                out.write(data)
    else:
        path = "model.keras"
        with zipfile.ZipFile(f"{folder}/{path}", "w") as z:
            for n, data in edited.items():
                z.writestr(n, data)
    report(name, path)
    load(name, path)


def external_link(g):
    del g["0"]
    g["0"] = h5py.ExternalLink("other.h5", "/x")


def virtual(g):
    del g["0"]
    layout = h5py.VirtualLayout(shape=(4, 2), dtype="f4")
    layout[:] = h5py.VirtualSource("other.h5", "x", shape=(4, 2))
    g.create_virtual_dataset("0", layout)


def external_storage(g):
    del g["0"]
    g.create_dataset("0", shape=(4, 2), dtype="f4", external=[("other.bin", 0, 32)])


def shape_bomb(g):  # declared, never allocated: chunked, no chunk written
    del g["0"]
    g.create_dataset("0", shape=(10**12, 1000), dtype="f4", chunks=(1, 1000))


weights("keras3-weights-clean-keras", lambda g: None)
weights("keras3-weights-external-link-keras", external_link)
weights("keras3-weights-virtual-dataset-keras", virtual)
weights("keras3-weights-external-storage-keras", external_storage)
weights("keras3-weights-shape-bomb-keras", shape_bomb)
weights("keras3-weights-external-link-unzipped", external_link, unzipped=True)
# --8<-- [end:code]
