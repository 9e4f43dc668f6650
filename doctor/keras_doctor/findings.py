"""From what a reader found to the report: every layer, its kind, and the findings."""
from __future__ import annotations

from . import target
from .bytecode import read_bytecode
from .code import hdf5_hazards, seq, stored_code
from .errors import DoctorError
from .readers import read_any
from .readers.common import text
from .tables import (BUILTIN_LAYERS, FORMAT_LABELS, KERAS_OPS, MAX_DEPTH, MAX_LAYERS, MESSAGES,
                     MODEL_CLASSES, SCHEMA_VERSION, SEVERITY, TFOP_CLASSES, page)


def _name(entry: dict, cfg: dict):
    name = entry.get("name", cfg.get("name", "?"))
    if not isinstance(name, str):
        raise DoctorError("a layer whose name is not a string: not a Keras model config")
    return name


def _layers(config, prefix: str = "", depth: int = 0, out=None):
    """Every layer entry of a model config, nested models' and wrapped layers included
    (wrappers in wrappers too). An entry that is not a layer config (an object with a class
    name) means the file is not a model."""
    out = [] if out is None else out
    if depth > MAX_DEPTH:
        raise DoctorError("the model config nests models too deeply")
    inner = config.get("config") if isinstance(config, dict) else None
    entries = inner.get("layers") if isinstance(inner, dict) else inner
    if not isinstance(entries, list):
        return out
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("class_name"), str):
            raise DoctorError(f"layer {len(out) + 1} of the model config is not a layer "
                              "(no class name): not a Keras model config")
        _entry(entry, prefix, depth, out)
    return out


def _entry(entry: dict, prefix: str, depth: int, out: list) -> None:
    if len(out) >= MAX_LAYERS:
        raise DoctorError(f"the model config lists more than {MAX_LAYERS} layers")
    if depth > MAX_DEPTH:
        raise DoctorError("the model config nests models too deeply")
    cfg = entry.get("config") if isinstance(entry.get("config"), dict) else {}
    name = _name(entry, cfg)
    out.append((prefix + name, entry))
    if isinstance(cfg.get("layers"), list):
        _layers(entry, f"{prefix}{name}/", depth + 1, out)
    for key in ("layer", "forward_layer", "backward_layer"):  # wrappers: TimeDistributed, Bidirectional
        sub = cfg.get(key)
        if isinstance(sub, dict):
            if not isinstance(sub.get("class_name"), str):
                raise DoctorError(f"the layer wrapped by {name!r} has no class name: not a "
                                  "Keras model config")
            _entry(sub, f"{prefix}{name}/", depth + 1, out)


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
    # Keras 3 looks a class up by its registered name (custom_objects, the registry), then
    # in its own API by module and class name: a registered name on a Keras class does not
    # make it custom (3.15 refuses the pair; older releases load the built-in)
    keras_module = module == "keras" or module.startswith("keras.")
    if cls == "Lambda" and (not registered or keras_module):
        return "lambda"
    if cls in TFOP_CLASSES:
        return "tfoplambda"
    if cls == "KerasLayer" or str(module).startswith("tensorflow_hub"):
        return "hub"
    if str(module).startswith("keras.src.ops") or (
            not module and cls in KERAS_OPS and cls not in BUILTIN_LAYERS):
        return "operation"
    if ">" in cls or (">" in registered and not keras_module):
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
    fn = seq(cfg.get("function"))
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


_WHERE = {"function": "the Lambda's function", "output_shape": "the Lambda's output_shape",
          "mask": "the Lambda's mask"}


def _code_rules(find: Findings, report: dict, custom: dict) -> None:
    """What Keras would turn into a callable: bytecode, functions stored by name."""
    fmt = find.fmt
    scan = target.scan_format({**report, "findings": find})
    for c in report["code"]:
        where = _WHERE.get(c["role"], f"the {c['role']}")
        at = c["layer"] or c["path"]
        if find.fmt == "tfjs":
            continue
        if c["type"] == "bytecode":
            if "problem" in c:
                find.add("KD016", at, why=f" ({c['problem']})")
            what = "a Python lambda" if c.get("name") in (None, "<lambda>") else f"function {c['name']!r}"
            if c.get("untagged"):
                find.add("KD023", at, where=where, what=what, path=c["path"])
            else:
                find.add("KD001", at, where=where, what=what, path=c["path"],
                         when=target.when(target.code_case(c, report), scan,
                                          report["keras_version"]))
            if c["python"] != "unknown":
                find.add("KD002", at, python=c["python"])
            if c.get("globals"):
                find.add("KD003", at, names=", ".join(c["globals"]))
        elif c["source"] == "keras":
            if c["role"] in _WHERE:  # called by the Lambda; an activation of Keras's own is not news
                find.add("KD021", at, where=where, name=f"{c['module']}.{c['name']}",
                         when=target.denied(f"{c['module']}.{c['name']}"))
        elif not _revived(fmt, c["path"]):
            code = "KD004" if c["role"] in _WHERE else "KD009"
            find.add(code, at, name=_q(c["name"]))
            custom[c["name"]] = None


def _revived(fmt: str, path: str = "config") -> bool:
    """A Keras 2 SavedModel's layer whose class or function the loader lacks is revived from
    the SavedModel's traced functions (tf-keras saved_model/load.py: from its config if it
    can, else revive_custom_object): it loads without custom_objects. The compile settings
    are not revived."""
    return fmt == "savedmodel" and not path.startswith(("training_config", "compile_config"))


class Findings(list):
    """The report's findings: a rule names a code and the values its message needs; the
    wording, the severity and the page come from the spec (findings.json)."""

    def __init__(self, fmt: str):
        super().__init__()
        self.fmt = fmt

    def add(self, code: str, layer: str | None = None, **values) -> None:
        self.append({"code": code, "severity": SEVERITY[code], "layer": layer,
                     "message": MESSAGES[code].format(**values), "page": page(code, self.fmt)})


def _q(name) -> str:
    return repr(name)


def _layer_rules(find: Findings, name: str, entry: dict, layer: dict, custom: dict) -> None:
    """What stands in the way of loading one layer."""
    kind, cls, fn = layer["kind"], layer["class_name"], layer.get("function") or {}
    if find.fmt == "tfjs" and kind in ("lambda", "custom", "tfoplambda", "hub"):
        find.add("KD015", name, cls=_q(cls))
        custom[cls] = None
        return
    if kind == "lambda" and fn.get("type") not in ("bytecode", "named"):
        find.add("KD016", name, why=f" ({fn['problem']})" if fn.get("problem") else "")
    elif kind == "tfoplambda":
        find.add("KD007", name, op=fn.get("name"))
    elif kind == "hub":
        find.add("KD008", name)
        custom["KerasLayer"] = None
    elif kind == "operation" and find.fmt == "h5":
        find.add("KD017", name, cls=_q(cls))
    elif kind == "custom" and not _revived(find.fmt):
        reg = layer["registered_name"] or cls
        if ">" in reg:
            find.add("KD006", name, cls=_q(reg), package=_q(reg.split(">")[0]))
        else:
            find.add("KD005", name, cls=_q(cls))
        custom[reg] = None


def _file_rules(find: Findings, info: dict, version: str) -> None:
    """What the file as a whole says: its format, and which Keras wrote it."""
    fmt = find.fmt
    if fmt == "h5-weights":
        find.add("KD014")
    if fmt == "savedmodel":
        find.add("KD013" if info.get("keras_metadata") else "KD012")
    if version.startswith(("2.", "1.")):
        which = target.writer_family(version)
        if fmt == "keras":
            find.add("KD020", version=version, which=which)
        elif fmt in ("h5", "json"):
            find.add("KD010", version=version, which=which,
                     loads=target.when("plain", fmt, version, families=("keras3",)))
    elif version.startswith("3.") and fmt in ("h5", "keras", "json"):
        find.add("KD011", version=version)


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
        "compiled": False,
        "layers": [],
        "code": [],
        "custom_objects": [],
        "findings": [],
    }
    for key in ("generated_by", "converted_by", "signatures", "keras_metadata", "unzipped"):
        if key in info:
            report[key] = info[key]
    config = info.get("config")
    if fmt in ("h5", "keras", "tfjs", "json"):
        _check_model(config)
    find = Findings(fmt)
    if "name_mismatch" in info:
        code, message = info["name_mismatch"]
        find.add(code, message=message)
    custom: dict[str, None] = {}
    version = report["keras_version"] or ""
    report["compiled"] = "training_config" in info or (
        isinstance(config, dict) and isinstance(config.get("compile_config"), dict) and
        bool(config["compile_config"]))  # an uncompiled model's .keras has {}
    report["code"], hazards = stored_code(
        config, {k: info[k] for k in ("compile_config", "training_config")
                 if isinstance(info.get(k), (dict, list))})
    hazards += hdf5_hazards(info.get("hdf5", []))
    if hazards:
        report["hazards"] = hazards
    if isinstance(config, dict):
        report["model_class"] = text(config.get("class_name"))
        for name, entry in _layers(config):
            kind = _kind(entry)
            if kind == "operation" and not version.startswith("3"):
                kind = "custom"  # only Keras 3 writes operations: a Keras 2 'Power' is a class
            layer = {"name": name, "class_name": entry["class_name"],
                     "module": text(entry.get("module")),
                     "registered_name": text(entry.get("registered_name")), "kind": kind}
            if kind in ("lambda", "tfoplambda"):
                layer["function"] = _function(entry)
            report["layers"].append(layer)
            _layer_rules(find, name, entry, layer, custom)
    _code_rules(find, report, custom)
    for h in report.get("hazards", ()):
        find.add("KD022", h["layer"] or h["path"], found=h["found"], value=h["value"],
                 advisories=", ".join(h["advisories"]), covers=target.covered(h["advisories"]))
    _file_rules(find, info, version)
    report["custom_objects"] = list(custom)
    report["findings"] = list(find)
    return report
