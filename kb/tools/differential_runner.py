"""Run INSIDE a runtime's interpreter (its venv), in a temporary directory: build seeded
random Keras models and save them in every format this release writes (`make`), or load
files with real `load_model` in each mode and say what happened (`load`). Standard
library and the runtime's Keras only; kb/tools/differential.py drives it.

    python differential_runner.py make SEED COUNT      # -> manifest.json, the files
    python differential_runner.py load FILE...          # -> JSON lines, one per (file, mode)
    python differential_runner.py load --registered FILE...

Every stored function is a harmless canary: it doubles its input and appends one byte to
`ran.mark` in the current directory (the temporary directory), so that a load which ran
stored code can be told from one that did not.
"""
from __future__ import annotations

import json
import os
import random
import sys
import warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

if os.environ.get("TF_USE_LEGACY_KERAS") == "1":
    import tf_keras as keras
    FAMILY = "tf-keras"
else:
    import keras
    FAMILY = "keras3" if keras.__version__.startswith("3") else "keras2"
KERAS3 = keras.__version__.startswith("3")
MARK = "ran.mark"


def register(package):
    if KERAS3:
        return keras.saving.register_keras_serializable(package=package)
    return keras.utils.register_keras_serializable(package=package)


def objects(registered: bool) -> dict:
    """The user code a model may use: functions and classes, registered (package 'kbdiff')
    only when asked, as a program that imports its own module would."""
    def double(x):
        return x * 2

    def triple_act(x):
        return x * 3

    def same_shape(s):
        return s

    class Scale(keras.layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    class NoConfig(keras.layers.Layer):
        def call(self, x):
            return x + 1.0

    class Twice(keras.layers.Layer):
        def call(self, x):
            return x * 2.0

    def reg_act(x):
        return x * 4

    out = {"double": double, "triple_act": triple_act, "same_shape": same_shape,
           "Scale": Scale, "NoConfig": NoConfig}
    if registered:
        out["kbdiff>Twice"] = register("kbdiff")(Twice)
        out["kbdiff>reg_act"] = register("kbdiff")(reg_act)
    else:
        out["kbdiff>Twice"], out["kbdiff>reg_act"] = Twice, reg_act
    return out


def canary(x):  # never stored itself: the lambdas below are
    return x


LAMBDAS = {
    "lambda": lambda x: (open("ran.mark", "a").write("l"), x * 2)[1],
    "activation": lambda x: (open("ran.mark", "a").write("a"), x * 2)[1],
    "loss": lambda y, p: (open("ran.mark", "a").write("s"), (y - p) ** 2)[1],
    "output_shape": lambda s: (open("ran.mark", "a").write("o"), s)[1],
}

# the features a model may have; every model gets a random subset (none: a plain model)
FEATURES = ["lambda", "nested_lambda", "wrapped_lambda", "deep_wrapped_lambda",
            "activation_lambda", "loss_lambda", "output_shape_lambda", "registered_lambda",
            "named", "named_activation", "custom", "custom_noconfig", "registered",
            "registered_fn", "public_fn", "denied_fn"]
# the features that store a Python lambda as bytecode
LAMBDA_FEATURES = {"lambda", "nested_lambda", "wrapped_lambda", "deep_wrapped_lambda",
                   "activation_lambda", "loss_lambda", "output_shape_lambda", "registered_lambda"}


def stores_bytecode(features, fmt: str) -> bool:
    """Whether the saved file holds bytecode that a loader turns back into a function: every
    lambda, except a loss outside the .keras format (the .h5 training_config names it
    "<lambda>") and an activation this release serializes without its __lambda__ wrapper
    (Keras 3.15's activations.serialize keeps only {"value": ...}, which no loader turns into
    a function); in Keras 2 also every Python function a Lambda wraps, named or not
    (Lambda._serialize_function_to_config func_dumps any FunctionType), unless edited to a
    name after saving (edit_public: not a SavedModel)."""
    feats = set(features) & (LAMBDA_FEATURES | {"named"} | set(PUBLIC))
    if fmt not in ("keras", "dir"):
        feats.discard("loss_lambda")
    if not _activation_is_code():
        feats.discard("activation_lambda")
    if KERAS3:
        feats -= {"named"} | set(PUBLIC)
    elif fmt != "savedmodel":
        feats -= set(PUBLIC)
    return bool(feats)


def _activation_is_code() -> bool:
    cfg = keras.activations.serialize(LAMBDAS["activation"])
    return isinstance(cfg, dict) and cfg.get("class_name") == "__lambda__"


def build(features: list[str], objs: dict):
    L = keras.layers
    inp = keras.Input(shape=(3, 4))
    x = L.Dense(4, activation="relu")(inp)
    for f in features:
        if f == "lambda":
            x = L.Lambda(LAMBDAS["lambda"])(x)
        elif f == "nested_lambda":  # a Lambda inside a nested Sequential model
            inner = keras.Sequential([keras.Input(shape=(3, 4)), L.Lambda(LAMBDAS["lambda"])])
            x = inner(x)
        elif f == "wrapped_lambda":  # a Lambda inside TimeDistributed
            x = L.TimeDistributed(L.Lambda(LAMBDAS["lambda"]))(x)
        elif f == "deep_wrapped_lambda":  # in a Sequential model inside TimeDistributed
            x = L.TimeDistributed(keras.Sequential([keras.Input(shape=(4,)),
                                                    L.Lambda(LAMBDAS["lambda"])]))(x)
        elif f == "registered_lambda":  # its registered_name set by hand (edit_public)
            x = L.Lambda(LAMBDAS["lambda"], name=f)(x)
        elif f == "activation_lambda":
            x = L.Dense(4, activation=LAMBDAS["activation"])(x)
        elif f == "output_shape_lambda":
            x = L.Lambda(objs["double"], output_shape=LAMBDAS["output_shape"])(x)
        elif f == "named":
            x = L.Lambda(objs["double"])(x)
        elif f == "named_activation":
            x = L.Dense(4, activation=objs["triple_act"])(x)
        elif f == "custom":
            x = objs["Scale"]()(x)
        elif f == "custom_noconfig":
            x = objs["NoConfig"]()(x)
        elif f == "registered":
            x = objs["kbdiff>Twice"]()(x)
        elif f == "registered_fn":
            x = L.Dense(4, activation=objs["kbdiff>reg_act"])(x)
        elif f in ("public_fn", "denied_fn"):  # hand-edited after saving (edit_public)
            x = L.Lambda(objs["double"], name=f)(x)
    model = keras.Model(inp, L.Dense(1)(x))
    loss = LAMBDAS["loss"] if "loss_lambda" in features else "mse"
    model.compile(optimizer="sgd", loss=loss)
    return model


# a Lambda made to name a Keras function by hand, as a crafted file does: one that the
# release resolves and calls (harmless: abs), one on the 3.15 denylist (never called here:
# it fails on a tensor where a release does not refuse it)
PUBLIC = {"public_fn": ("keras.ops", "abs"), "denied_fn": ("keras.models", "model_from_json")}


def _edit(config, features):
    """The Lambdas named public_fn / denied_fn now point at a Keras function by name; the
    Lambda named registered_lambda has a registered name (Keras 3's configs have one)."""
    if isinstance(config, dict):
        cfg = config.get("config")
        if KERAS3 and config.get("class_name") == "Lambda" and isinstance(cfg, dict) and \
                cfg.get("name") == "registered_lambda":
            config["registered_name"] = "kbdiff>Lambda"
        if config.get("class_name") == "Lambda" and isinstance(cfg, dict) and cfg.get("name") in PUBLIC:
            module, name = PUBLIC[cfg["name"]]
            if KERAS3:
                cfg["function"] = {"module": module, "class_name": "function", "config": name,
                                   "registered_name": name}
            else:
                cfg["function"], cfg["function_type"], cfg["module"] = name, "function", \
                    "tensorflow.keras.backend" if name == "abs" else "keras.models"
        for v in config.values():
            _edit(v, features)
    elif isinstance(config, list):
        for v in config:
            _edit(v, features)


def edit_public(path: str, features) -> None:
    if not any(f in PUBLIC or f == "registered_lambda" for f in features):
        return
    if path.endswith(".keras"):
        import zipfile
        with zipfile.ZipFile(path) as z:
            members = {n: z.read(n) for n in z.namelist()}
        cfg = json.loads(members["config.json"])
        _edit(cfg, features)
        members["config.json"] = json.dumps(cfg).encode()
        with zipfile.ZipFile(path, "w") as z:
            for n, data in members.items():
                z.writestr(n, data)
    elif path.endswith(".h5"):
        import h5py
        with h5py.File(path, "r+") as f:
            cfg = json.loads(f.attrs["model_config"])
            _edit(cfg, features)
            f.attrs["model_config"] = json.dumps(cfg)


def unzipped(path: str, name: str) -> None:
    """A .keras file unzipped into a directory (Keras 3.15 loads a folder holding config.json)."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        z.extractall(name)


def h5_and_zip(h5: str, name: str) -> None:
    """An .h5 with a plain model's .keras zip appended, named .KERAS (upper case)."""
    plain = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    plain.save("plain.keras")
    with open(name, "wb") as out:
        for part in (h5, "plain.keras"):
            with open(part, "rb") as f:
                out.write(f.read())
    os.remove("plain.keras")


def make(seed: int, count: int) -> None:
    rng = random.Random(seed)
    objs = objects(registered=True)  # registered in this process: the files name kbdiff>...
    manifest = []
    formats = ["keras", "h5", "dir", "KERAS"] + ([] if KERAS3 else ["savedmodel"])
    names = {"savedmodel": "m{}_{}_savedmodel", "dir": "m{}_{}_unzipped", "KERAS": "m{}_{}.KERAS"}
    for i in range(count):
        k = rng.choice([0, 1, 1, 2, 2, 3])
        feats = sorted(rng.sample(FEATURES, k))
        if not KERAS3:  # Keras 2 cannot store a lambda activation or loss, nor call a public fn by that path
            feats = [f for f in feats if f not in ("activation_lambda", "loss_lambda")]
        try:
            model = build(feats, objs)
        except Exception as exc:  # a combination this release cannot build
            manifest.append({"features": feats, "error": f"build: {type(exc).__name__}: {exc}"[:300]})
            continue
        for fmt in formats:
            name = names.get(fmt, "m{}_{}." + fmt).format(seed, i)
            entry = {"file": name, "features": feats, "format": fmt,
                     "bytecode": stores_bytecode(feats, fmt)}
            try:
                if fmt == "savedmodel":
                    model.save(name, save_format="tf")
                elif fmt == "dir":
                    unzipped(f"m{seed}_{i}.keras", name)
                elif fmt == "KERAS":
                    h5_and_zip(f"m{seed}_{i}.h5", name)
                else:
                    model.save(name)
                if fmt in ("keras", "h5"):
                    edit_public(name, feats)
            except Exception as exc:
                entry["error"] = f"save: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
            manifest.append(entry)
    if os.path.exists(MARK):
        os.remove(MARK)  # Keras called the lambdas while building: not a load
    with open("manifest.json", "w") as f:
        json.dump({"keras": keras.__version__, "family": FAMILY, "seed": seed,
                   "models": manifest}, f, indent=1)


def _load(path, **kwargs):
    return keras.models.load_model(path, **kwargs)


def load(paths, registered: bool) -> None:
    objs = objects(registered=registered)
    modes = {"registered": {}} if registered else {
        "default": {}, "safe_mode=False": {"safe_mode": False},
        "custom_objects": {"custom_objects": objs},
        "custom_objects, safe_mode=False": {"custom_objects": objs, "safe_mode": False}}
    for path in paths:
        for mode, kwargs in modes.items():
            if os.path.exists(MARK):
                os.remove(MARK)
            try:
                _load(path, **kwargs)
                outcome, message = "loads", ""
            except Exception as exc:
                msg = str(exc).strip().splitlines()
                outcome, message = "fails", f"{type(exc).__name__}: {msg[0] if msg else ''}"[:400]
            ran = open(MARK).read() if os.path.exists(MARK) else ""
            print(json.dumps({"file": path, "mode": mode, "outcome": outcome,
                              "message": message, "ran": ran}), flush=True)
            if hasattr(keras.backend, "clear_session"):
                keras.backend.clear_session()


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(int(sys.argv[2]), int(sys.argv[3]))
    else:
        args = sys.argv[2:]
        reg = "--registered" in args
        load([a for a in args if a != "--registered"], reg)
