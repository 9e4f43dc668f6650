"""Every object of a model config that Keras turns into a callable when it loads the file,
found the way Keras finds it: by walking every nested config, not layer by layer.

Keras 3 (serialization_lib.deserialize_keras_object, Lambda.from_config):
  {"class_name": "__lambda__", "config": {"code": ...}}      a Lambda's function, output_shape, mask
  {"class_name": "__lambda__", "config": {"value": [code, defaults, closure]}}   anywhere else
  {"class_name": "function", "config": NAME, "module": M}   a function looked up by name: a
      Keras public function when M is keras or keras.* (a release's denylist may refuse it),
      else user code (custom_objects, or registered)
Keras 2 and tf-keras (Lambda.get_config, generic_utils.func_dump):
  KEY: [code, defaults, closure] or code beside KEY_type "lambda" (function, output_shape, mask)
  KEY: NAME beside KEY_type "function": looked up in custom_objects
Classes: a class name or registered name "package>Name" (register_keras_serializable).

The same walk finds what a security advisory names (spec/releases.json "hazards", from
data/advisories.toml): a class whose config key holds a string (a vocabulary path, a pickled
torch module, a SavedModel path), a layer name that is a path.
"""
from __future__ import annotations

from .bytecode import read_bytecode
from .readers.common import text
from . import target
from .tables import BUILTIN_ACTIVATIONS, MAX_DEPTH, MAX_LAYERS

# what sits beside a Keras 2 function: its type and module (KEY_type, KEY_module)
_K2_MODULE = {"function": "module"}


def _bytecode(code: str) -> dict:
    try:
        info = read_bytecode(code)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
        return {"type": "bytecode", "python": "unknown", "name": None, "defined_in": None,
                "globals": None, "problem": f"unreadable ({type(exc).__name__})"}
    out = {"type": "bytecode", "python": info["python"], "name": info.get("name"),
           "defined_in": info.get("filename"), "globals": info.get("globals")}
    if "problem" in info:
        out["problem"] = info["problem"]
    return out


def seq(v):
    """A list, or a tuple as Keras's legacy JSON writes one, {"class_name": "__tuple__",
    "items": [...]} (json_utils, which decodes .h5 configs and SavedModel metadata): its items.
    A Keras 2 SavedModel stores a Lambda's [code, defaults, closure] that way."""
    if isinstance(v, dict) and v.get("class_name") == "__tuple__" and isinstance(v.get("items"), list):
        return v["items"]
    return v


def _lambda_code(node: dict):
    c = node.get("config")
    if not isinstance(c, dict):
        return None
    code = c.get("code")
    if code is None and isinstance(c.get("value"), list) and c["value"]:
        code = c["value"][0]
    return code


def _untagged(node: dict) -> str | None:
    """{"value": [code, defaults, closure]} with no class name: how Keras 3 writes a lambda
    activation (serialize_keras_object of a function that is not a Lambda's). Keras reads no
    function back from it; its bytecode is reported all the same. The code is a marshalled
    code object (base64 of 0xe3 or 0x63: b"4w", b"Yw")."""
    value = node.get("value")
    if "class_name" in node or len(node) != 1 or not isinstance(value, list) or not value:
        return None
    code = value[0]
    return code if isinstance(code, str) and code.startswith(("4w", "Yw")) else None


def _source(module: str | None) -> str:
    """Where Keras looks a function stored by name up: its own public API, or user code."""
    m = module or ""
    return "keras" if m == "keras" or m.startswith("keras.") else "user"


# where a layer config names its activations: Keras 2.12 writes a custom one by its bare name
ACTIVATION_KEYS = ("activation", "recurrent_activation")

# where a model config holds layers: a model's list, a wrapper's layer(s)
LAYER_KEYS = ("layers", "layer", "forward_layer", "backward_layer")


def _stored_bytecode(code) -> dict:
    """A stored lambda's entry: its bytecode read, or where the slot holds no code string."""
    if isinstance(code, str):
        return _bytecode(code)
    return {"type": "bytecode", "python": "unknown", "name": None, "defined_in": None,
            "globals": None, "problem": "no code"}


class _Walk:
    def __init__(self):
        self.found: list[dict] = []
        self.hazards: list[dict] = []
        self.nodes = 0

    def hazard(self, cls: str, cfg: dict, path: str, layer: str | None):
        """The advisories whose pattern this object's config matches, one entry per place."""
        for h in target.hazards():
            f = h["file"]
            value, at = None, f"{path}.config" if path else "config"
            if cls in f.get("class_names", ()) and isinstance(cfg.get(f["key"]), str) \
                    and cfg[f["key"]]:
                value, at = cfg[f["key"]], f"{at}.{f['key']}"
            elif "layer_name" in f and isinstance(cfg.get("name"), str) and \
                    any(part in cfg["name"] for part in f["layer_name"]):
                value, at = cfg["name"], f"{at}.name"
            if value is None:
                continue
            for entry in self.hazards:
                if entry["path"] == at:
                    entry["advisories"].append(h["id"])
                    break
            else:
                if len(self.hazards) < MAX_LAYERS:
                    self.hazards.append({"path": at, "layer": layer, "found": f["found"],
                                         "value": value[:200], "advisories": [h["id"]]})

    def add(self, entry: dict, path: str, layer: str | None, key: str):
        if len(self.found) < MAX_LAYERS:
            self.found.append({"path": path, "layer": layer, "role": key, **entry})

    def walk(self, node, path: str, layer: str | None, key: str, depth: int):
        self.nodes += 1
        if depth > 4 * MAX_DEPTH or self.nodes > 50 * MAX_LAYERS:
            return
        if isinstance(node, list):
            for i, v in enumerate(node):
                self.walk(v, f"{path}[{i}]", layer, key, depth + 1)
            return
        if not isinstance(node, dict):
            return
        cls = node.get("class_name")
        code = _untagged(node)
        if code is not None:
            self.add({**_bytecode(code), "untagged": True}, path, layer, key)
            return
        if cls == "__lambda__":
            code = _lambda_code(node)
            self.add(_stored_bytecode(code), path, layer, key)
            return
        if cls == "function" and isinstance(node.get("config"), str):
            module = text(node.get("module"))
            self.add({"type": "function", "name": node["config"], "module": module,
                      "registered_name": text(node.get("registered_name")),
                      "source": _source(module)}, path, layer, key)
            return
        cfg = node.get("config")
        if depth and isinstance(cls, str) and isinstance(cfg, dict) and \
                isinstance(cfg.get("name"), str) and ("trainable" in cfg or key in LAYER_KEYS):  # a layer
            layer = f"{layer}/{cfg['name']}" if layer else cfg["name"]
        if isinstance(cls, str) and isinstance(cfg, dict):
            self.hazard(cls, cfg, path, layer)
        for k, v in node.items():
            sub = f"{path}.{k}" if path else k
            kind = node.get(f"{k}_type") if isinstance(k, str) else None
            if kind == "lambda" and isinstance(seq(v), (list, str)):  # Keras 2: func_dump
                v = seq(v)
                code = v[0] if isinstance(v, list) and v else v
                self.add(_stored_bytecode(code), sub, layer, k)
            elif k in ACTIVATION_KEYS and isinstance(v, str) and v not in BUILTIN_ACTIVATIONS:
                self.add({"type": "function", "name": v, "module": None,  # a custom one, by name
                          "registered_name": None, "source": "user"}, sub, layer, k)
            elif kind == "function" and isinstance(v, str):  # Keras 2: a name
                module = text(node.get(_K2_MODULE.get(k, f"{k}_module")))
                self.add({"type": "function", "name": v, "module": module,
                          "registered_name": None, "source": "user"}, sub, layer, k)
            else:
                self.walk(v, sub, layer, k if isinstance(v, (dict, list)) else key, depth + 1)


def stored_code(config, extra: dict | None = None) -> tuple[list[dict], list[dict]]:
    """Every bytecode and every function stored by name in a model config (and in the
    other configs Keras reads with it: compile_config, training_config), with its path; and
    what an advisory names, with its path."""
    w = _Walk()
    if isinstance(config, dict):
        w.walk(config, "", None, "model", 0)
    for name, value in (extra or {}).items():
        w.walk(value, name, None, name, 0)
    return w.found, w.hazards


def hdf5_hazards(features: list[dict]) -> list[dict]:
    """The advisories whose pattern an HDF5 feature its reader reported matches."""
    out = []
    for feat in features:
        ids = [h["id"] for h in target.hazards() if feat["feature"] in h["file"].get("hdf5", ())]
        if ids:
            out.append({"path": feat["path"], "layer": None, "found": feat["found"],
                        "value": feat["value"][:200], "advisories": ids})
    return out
