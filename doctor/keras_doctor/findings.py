"""From what a reader found to the report: every layer, its kind, and the findings."""
from __future__ import annotations

import sys

from .bytecode import read_bytecode, versions_in
from .errors import DoctorError
from .readers import read_any
from .readers.common import text
from .tables import (BUILTIN_LAYERS, FORMAT_LABELS, KERAS_OPS, MAX_DEPTH, MAX_LAYERS, MODEL_CLASSES,
                     PAGE_KERAS_CUSTOM, PAGES, SCHEMA_VERSION, SEVERITY, TFOP_CLASSES)


def _name(entry: dict, cfg: dict):
    name = entry.get("name", cfg.get("name", "?"))
    if not isinstance(name, str):
        raise DoctorError("a layer whose name is not a string: not a Keras model config")
    return name


def _layers(config, prefix: str = "", depth: int = 0, out=None):
    """Every layer entry of a model config, nested models' layers included. An entry that
    is not a layer config (an object with a class name) means the file is not a model."""
    out = [] if out is None else out
    if depth > MAX_DEPTH:
        raise DoctorError("the model config nests models too deeply")
    inner = config.get("config") if isinstance(config, dict) else None
    entries = inner.get("layers") if isinstance(inner, dict) else inner
    if not isinstance(entries, list):
        return out
    for entry in entries:
        if len(out) >= MAX_LAYERS:
            raise DoctorError(f"the model config lists more than {MAX_LAYERS} layers")
        if not isinstance(entry, dict) or not isinstance(entry.get("class_name"), str):
            raise DoctorError(f"layer {len(out) + 1} of the model config is not a layer "
                              "(no class name): not a Keras model config")
        cfg = entry.get("config") if isinstance(entry.get("config"), dict) else {}
        name = _name(entry, cfg)
        out.append((prefix + name, entry))
        if isinstance(cfg.get("layers"), list):
            _layers(entry, f"{prefix}{name}/", depth + 1, out)
        elif isinstance(cfg.get("layer"), dict):  # wrappers: TimeDistributed, Bidirectional
            sub = cfg["layer"]
            if not isinstance(sub.get("class_name"), str):
                raise DoctorError(f"the layer wrapped by {name!r} has no class name: not a "
                                  "Keras model config")
            sub_cfg = sub.get("config") if isinstance(sub.get("config"), dict) else {}
            sub_name = sub_cfg.get("name", "layer")
            out.append((f"{prefix}{name}/{sub_name if isinstance(sub_name, str) else 'layer'}", sub))
    return out


def _check_model(config) -> None:
    """A model config, not any JSON object: a class name, and the layers a Functional or
    Sequential model lists."""
    if not isinstance(config, dict) or not isinstance(config.get("class_name"), str):
        raise DoctorError("the model config is not a JSON object with a class name: not a "
                          "Keras model")
    inner = config.get("config")
    layers = inner.get("layers") if isinstance(inner, dict) else inner
    if config["class_name"] in MODEL_CLASSES and not isinstance(layers, list):
        raise DoctorError(f"a {config['class_name']} model config without a list of layers: "
                          "not a Keras model")


def _kind(entry: dict) -> str:
    cls = entry["class_name"]
    module = text(entry.get("module")) or ""
    registered = text(entry.get("registered_name")) or ""
    if cls == "Lambda" and not registered:
        return "lambda"
    if cls in TFOP_CLASSES:
        return "tfoplambda"
    if cls == "KerasLayer" or str(module).startswith("tensorflow_hub"):
        return "hub"
    if str(module).startswith("keras.src.ops") or (
            not module and cls in KERAS_OPS and cls not in BUILTIN_LAYERS):
        return "operation"
    if ">" in cls or ">" in str(registered):
        return "custom"
    if module:
        return "builtin" if str(module).startswith("keras") else "custom"
    return "builtin" if cls in BUILTIN_LAYERS else "custom"


def _function(entry: dict) -> dict:
    """What a Lambda (or TFOpLambda) wraps; a function this tool cannot read is reported as
    such, for that layer alone."""
    try:
        return _read_function(entry)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
        return {"type": "unknown", "problem": f"unreadable ({type(exc).__name__})"}


def _read_function(entry: dict) -> dict:
    cfg = entry.get("config") if isinstance(entry.get("config"), dict) else {}
    fn = cfg.get("function")
    if entry.get("class_name") in TFOP_CLASSES:
        return {"type": "tf-op", "name": f"tf.{fn}" if isinstance(fn, str) else None}
    code = None
    if isinstance(fn, dict) and fn.get("class_name") == "__lambda__":  # Keras 3
        c = fn.get("config")
        code = c.get("code") if isinstance(c, dict) else None
    elif isinstance(fn, list) and fn and cfg.get("function_type", "lambda") == "lambda":  # Keras 2
        code = fn[0]
    elif isinstance(fn, str) and cfg.get("function_type") == "lambda":
        code = fn
    if isinstance(code, str):
        info = read_bytecode(code)
        out = {"type": "bytecode", "python": info["python"],
               "name": info.get("name"), "defined_in": info.get("filename"),
               "globals": info.get("globals")}
        if "problem" in info:
            out["problem"] = info["problem"]
        return out
    if isinstance(fn, dict):  # Keras 3: a function stored by name
        return {"type": "named", "name": text(fn.get("config")),
                "module": text(fn.get("module")), "registered_name": text(fn.get("registered_name"))}
    if isinstance(fn, str):  # Keras 2: function_type "function"
        return {"type": "named", "name": fn, "module": text(cfg.get("module"))}
    return {"type": "unknown"}


def _custom_functions(cfg, found: list, depth: int = 0):
    """Functions stored by name in a layer's settings (activations and the like) that are
    not Keras's own: {"class_name": "function", "config": "my_act", ...}."""
    if depth > MAX_DEPTH:
        return
    if isinstance(cfg, dict):
        if cfg.get("class_name") == "function" and isinstance(cfg.get("config"), str) and \
                not str(cfg.get("module") or "").startswith("keras"):
            found.append(cfg["config"])
            return
        for key, value in cfg.items():
            if key not in ("layers", "function", "layer"):
                _custom_functions(value, found, depth + 1)
    elif isinstance(cfg, list):
        for value in cfg:
            _custom_functions(value, found, depth + 1)


def diagnose(path: str) -> dict:
    info = read_any(path)
    fmt = info["format"]
    report = {
        "doctor": SCHEMA_VERSION,
        "path": path,
        "format": fmt,
        "format_label": FORMAT_LABELS[fmt],
        "keras_version": text(info.get("keras_version")),
        "backend": text(info.get("backend")),
        "tensorflow_version": text(info.get("tensorflow_version")),
        "model_class": None,
        "layers": [],
        "custom_objects": [],
        "findings": [],
    }
    for key in ("generated_by", "converted_by", "signatures", "keras_metadata"):
        if key in info:
            report[key] = info[key]
    config = info.get("config")
    if fmt in ("h5", "keras", "tfjs", "json"):
        _check_model(config)
    findings = report["findings"]

    def find(code, layer, message, page=None):
        findings.append({"code": code, "severity": SEVERITY[code], "layer": layer,
                         "message": message, "page": page or PAGES[code]})

    if "name_mismatch" in info:
        code, message = info["name_mismatch"]
        find(code, None, message)
    custom: dict[str, None] = {}
    if isinstance(config, dict):
        report["model_class"] = text(config.get("class_name"))
        for name, entry in _layers(config):
            cls = entry["class_name"]
            kind = _kind(entry)
            if kind == "operation" and not str(report["keras_version"] or "").startswith("3"):
                kind = "custom"  # only Keras 3 writes operations: a Keras 2 'Power' is a class
            layer = {"name": name, "class_name": cls, "module": text(entry.get("module")),
                     "registered_name": text(entry.get("registered_name")), "kind": kind}
            if kind in ("lambda", "tfoplambda"):
                layer["function"] = _function(entry)
            report["layers"].append(layer)
            fn = layer.get("function") or {}
            if fmt == "tfjs" and kind in ("lambda", "custom", "tfoplambda", "hub"):
                find("KD015", name, f"TensorFlow.js has no layer class {cls!r}: register a "
                     f"JavaScript layer under that name before tf.loadLayersModel")
                custom[cls] = None
                continue
            if kind == "lambda" and fn.get("type") == "bytecode":
                what = "a Python lambda" if fn.get("name") in (None, "<lambda>") else \
                    f"function {fn['name']!r}"
                if "problem" in fn:
                    find("KD016", name, f"Lambda bytecode could not be read ({fn['problem']})")
                find("KD001", name, f"Lambda stores {what} as bytecode: Keras 3 refuses it "
                     f"unless safe_mode=False (which runs it); replace it with a custom layer")
                here = f"{sys.version_info.major}.{sys.version_info.minor}"
                writers = versions_in(fn["python"])
                if writers == {here}:
                    tail = f"this Python ({here}) can run it, another may not"
                elif here in writers:
                    tail = (f"unless this Python ({here}) wrote it, loading it here may fail "
                            f"or run a different function")
                else:
                    tail = (f"this Python ({here}) fails to read it or runs a different "
                            f"function: load it on the Python that wrote it, or rebuild")
                find("KD002", name, f"the bytecode was written by Python {fn['python']}: {tail}")
                if fn.get("globals"):
                    find("KD003", name, "the function uses global names the loading program "
                         f"must define: {', '.join(fn['globals'])}")
            elif kind == "lambda" and fn.get("type") == "named":
                find("KD004", name, f"Lambda wraps the function {fn.get('name')!r}, stored by "
                     f"name: the loader needs it in custom_objects")
                if fn.get("name"):
                    custom[fn["name"]] = None
            elif kind == "lambda":
                why = f" ({fn['problem']})" if fn.get("problem") else ""
                find("KD016", name, f"Lambda with a function this tool cannot read{why}")
            elif kind == "tfoplambda":
                find("KD007", name, f"TFOpLambda ({fn.get('name')}) is a Keras 2 layer: Keras 3 "
                     f"cannot load it; load with tf-keras and rebuild")
            elif kind == "hub":
                find("KD008", name, "TensorFlow Hub KerasLayer: pass "
                     "custom_objects={'KerasLayer': hub.KerasLayer} (tensorflow_hub)")
                custom["KerasLayer"] = None
            elif kind == "operation" and fmt == "h5":
                find("KD017", name, f"keras.ops operation {cls!r} in an .h5 file: the .h5 "
                     f"loader rebuilds layers only (Unknown layer: {cls!r}); save as .keras")
            elif kind == "custom":
                reg = text(entry.get("registered_name")) or cls
                if ">" in str(reg):
                    find("KD006", name, f"registered class {reg!r}: the loader must import the "
                         f"module that registers it (package {str(reg).split('>')[0]!r})")
                else:
                    find("KD005", name, f"custom class {cls!r}: the loader needs it in "
                         f"custom_objects (or registered)",
                         PAGE_KERAS_CUSTOM if fmt == "keras" else None)
                custom[str(reg)] = None
            funcs: list = []
            _custom_functions(entry.get("config"), funcs)
            for f in dict.fromkeys(funcs):
                find("KD009", name, f"custom function {f!r} (an activation or similar) stored "
                     f"by name: the loader needs it in custom_objects")
                custom[f] = None
    report["custom_objects"] = list(custom)
    version = str(report["keras_version"] or "")
    if fmt == "h5-weights":
        find("KD014", None, "weights only, no architecture: rebuild the model in code, then "
             "load_weights")
    if fmt == "savedmodel":
        if info.get("keras_metadata"):
            find("KD013", None, "a Keras 2 SavedModel: Keras 3 load_model cannot read it; use "
                 "tf-keras, or keras.layers.TFSMLayer for inference")
        else:
            find("KD012", None, "a SavedModel with no Keras metadata (model.export or "
                 "tf.saved_model.save): load it with keras.layers.TFSMLayer or "
                 "tf.saved_model.load, not load_model")
    if fmt in ("h5", "keras", "json", "savedmodel") and version:
        if version.startswith(("2.", "1.")):
            parts = version.split(".")
            which = "tf-keras, Keras 2" if parts[0] == "2" and parts[1:2] and \
                parts[1].isdigit() and int(parts[1]) >= 16 else "Keras 2"
            find("KD010", None, f"written by Keras {version} ({which}): Keras 3 reads it "
                 f"only partly; tf-keras is the bridge")
        elif version.startswith("3."):
            find("KD011", None, f"written by Keras {version} (Keras 3): Keras 2 cannot "
                 f"load it")
    return report
