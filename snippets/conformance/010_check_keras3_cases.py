# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import base64
import json
import shutil
import zipfile

import keras
from keras import ops

from case import case, report


def small(middle):
    inputs = keras.Input(shape=(4,))
    x = keras.layers.Dense(2, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(middle(x)))


lam = small(keras.layers.Lambda(lambda y: y * 2))
lam.save(f"{case('keras3-lambda-h5')}/model.h5")
report("keras3-lambda-h5", "model.h5")
lam.save(f"{case('keras3-lambda-keras')}/model.keras")
report("keras3-lambda-keras", "model.keras")

small(keras.layers.Lambda(lambda y: ops.abs(y))).save(f"{case('keras3-global-lambda-h5')}/model.h5")
report("keras3-global-lambda-h5", "model.h5")


def double(y):
    return y * 2


small(keras.layers.Lambda(double)).save(f"{case('keras3-named-function-keras')}/model.keras")
report("keras3-named-function-keras", "model.keras")


class ScaleLayer(keras.layers.Layer):
    def __init__(self, factor=2, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@keras.saving.register_keras_serializable(package="my_layers")
class PowerLayer(keras.layers.Layer):
    def call(self, x):
        return x ** 2


def my_act(x):
    return x * 3


inputs = keras.Input(shape=(4,))
inner = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)], name="inner")
x = inner(PowerLayer()(ScaleLayer()(inputs)))
custom = keras.Model(inputs, keras.layers.Dense(1, activation=my_act)(x))
custom.save(f"{case('keras3-custom-keras')}/model.keras")
report("keras3-custom-keras", "model.keras")
custom.save(f"{case('keras3-custom-h5')}/model.h5")
report("keras3-custom-h5", "model.h5")
custom.save_weights(f"{case('keras3-weights-only')}/model.weights.h5")
report("keras3-weights-only", "model.weights.h5")

small(lambda x: ops.power(x, 2)).save(f"{case('keras3-ops-h5')}/model.h5")
report("keras3-ops-h5", "model.h5")

lam.export(f"{case('keras3-export')}/exported", verbose=False)
shutil.rmtree("keras3-export/exported/variables")  # the doctor reads saved_model.pb only
report("keras3-export", "exported")

shutil.copy("keras3-lambda-h5/model.h5", f"{case('keras3-h5-named-keras')}/model.keras")
report("keras3-h5-named-keras", "model.keras")
plain = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
plain.save("plain.h5")
with open(f"{case('keras3-h5-and-zip-named-keras')}/model.keras", "wb") as out:
    for part in ("plain.h5", "keras3-lambda-keras/model.keras"):
        with open(part, "rb") as f:
            out.write(f.read())
report("keras3-h5-and-zip-named-keras", "model.keras")

# a .keras file whose Lambda bytecode was cut short (a damaged file)
with zipfile.ZipFile("keras3-lambda-keras/model.keras") as z:
    members = {n: z.read(n) for n in z.namelist()}
config = json.loads(members["config.json"])
fn = config["config"]["layers"][2]["config"]["function"]["config"]
raw = base64.b64decode(fn["code"])
fn["code"] = base64.b64encode(raw[:len(raw) // 2]).decode()
members["config.json"] = json.dumps(config).encode()
with zipfile.ZipFile(f"{case('keras3-unreadable-lambda')}/model.keras", "w") as z:
    for n, data in members.items():
        z.writestr(n, data)
report("keras3-unreadable-lambda", "model.keras")

# stored code outside a top-level Lambda: in TimeDistributed, as an activation, as an
# output_shape; and a Lambda naming a Keras function (keras.ops.abs) by hand, as a crafted
# file does
seq = keras.Input(shape=(3, 4))
wrapped = keras.Model(seq, keras.layers.TimeDistributed(keras.layers.Lambda(lambda y: y * 2))(seq))
wrapped.save(f"{case('keras3-wrapped-lambda-keras')}/model.keras")
report("keras3-wrapped-lambda-keras", "model.keras")
small(keras.layers.Dense(2, activation=lambda y: y * 2)).save(
    f"{case('keras3-activation-lambda-keras')}/model.keras")
report("keras3-activation-lambda-keras", "model.keras")
small(keras.layers.Lambda(double, output_shape=lambda s: s)).save(
    f"{case('keras3-output-shape-lambda-keras')}/model.keras")
report("keras3-output-shape-lambda-keras", "model.keras")
with zipfile.ZipFile("keras3-named-function-keras/model.keras") as z:
    members = {n: z.read(n) for n in z.namelist()}
config = json.loads(members["config.json"])
config["config"]["layers"][2]["config"]["function"] = {
    "module": "keras.ops", "class_name": "function", "config": "abs", "registered_name": "abs"}
members["config.json"] = json.dumps(config).encode()
with zipfile.ZipFile(f"{case('keras3-public-function-keras')}/model.keras", "w") as z:
    for n, data in members.items():
        z.writestr(n, data)
report("keras3-public-function-keras", "model.keras")

# a Lambda given a registered name by hand (Keras still finds the class by its module), and
# the Lambda model unzipped into a folder (Keras 3.15 loads a folder holding config.json)
with zipfile.ZipFile("keras3-lambda-keras/model.keras") as z:
    members = {n: z.read(n) for n in z.namelist()}
    z.extractall(f"{case('keras3-unzipped-keras')}/model")
report("keras3-unzipped-keras", "model")
config = json.loads(members["config.json"])
config["config"]["layers"][2]["registered_name"] = "my_pkg>Lambda"
members["config.json"] = json.dumps(config).encode()
with zipfile.ZipFile(f"{case('keras3-registered-lambda-keras')}/model.keras", "w") as z:
    for n, data in members.items():
        z.writestr(n, data)
report("keras3-registered-lambda-keras", "model.keras")
# --8<-- [end:code]
