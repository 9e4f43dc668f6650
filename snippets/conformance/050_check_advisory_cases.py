# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
# Files holding what a security advisory names (data/advisories.toml), made from a model real
# Keras saved and edited the way a crafted file is: nothing here is loaded, only read.
import base64
import json
import zipfile

import h5py
import keras

from case import case, report

inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, keras.layers.Dense(1, name="out")(keras.layers.Dense(2)(inputs)))
model.save("base.keras")
model.save("base.h5")


def edited(name, change, encoding="utf-8"):
    """base.keras with its config.json changed: change(the Dense layer named "out")."""
    with zipfile.ZipFile("base.keras") as z:
        members = {n: z.read(n) for n in z.namelist()}
    config = json.loads(members["config.json"])
    change(next(l for l in config["config"]["layers"] if l["config"].get("name") == "out"))
    members["config.json"] = json.dumps(config).encode(encoding)
    with zipfile.ZipFile(f"{case(name)}/model.keras", "w") as z:
        for n, data in members.items():
            z.writestr(n, data)
    report(name, "model.keras")


def becomes(class_name, **config):
    def change(layer):
        layer.update(class_name=class_name, config={"name": "out", **config})
    return change


edited("keras3-vocabulary-path-keras", becomes("StringLookup", vocabulary="vocabulary.txt"))
edited("keras3-tfsmlayer-keras", becomes("TFSMLayer", filepath="exported", call_endpoint="serve"))
edited("keras3-torch-module-keras",
       becomes("TorchModuleWrapper", module=base64.b64encode(b"a pickle would be here").decode()))
edited("keras3-layer-name-path-keras", lambda layer: layer["config"].update(name="../../out"))
# the Lambda case's config in UTF-16: json.loads reads it, and so does Keras
lam = keras.Model(inputs, keras.layers.Lambda(lambda y: y * 2)(inputs))
lam.save("lambda.keras")
with zipfile.ZipFile("lambda.keras") as z:
    members = {n: z.read(n) for n in z.namelist()}
members["config.json"] = members["config.json"].decode().encode("utf-16")
with zipfile.ZipFile(f"{case('keras3-utf16-config-keras')}/model.keras", "w") as z:
    for n, data in members.items():
        z.writestr(n, data)
report("keras3-utf16-config-keras", "model.keras")


def h5(name, change):
    path = f"{case(name)}/model.h5"
    with open("base.h5", "rb") as src, open(path, "wb") as dst:
        dst.write(src.read())
    with h5py.File(path, "r+") as f:
        change(f["model_weights"])
    report(name, "model.h5")


h5("keras3-h5-external-link", lambda g: g.__setitem__("outside", h5py.ExternalLink("other.h5", "/x")))


def virtual(g):
    layout = h5py.VirtualLayout(shape=(4,), dtype="f4")
    layout[:] = h5py.VirtualSource("other.h5", "x", shape=(4,))
    g.create_virtual_dataset("outside", layout)


h5("keras3-h5-virtual-dataset", virtual)
h5("keras3-h5-shape-bomb",  # declared, never allocated: chunked, no chunk written
   lambda g: g.create_dataset("big", shape=(10**12, 1000), dtype="f4", chunks=(1, 1000)))
# --8<-- [end:code]
