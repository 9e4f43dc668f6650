// findings.py: from what a reader found to the report: every layer, its kind, the findings.
import { readBytecode } from "./bytecode.js";
import { hdf5Hazards, seq, storedCode } from "./code.js";
import { codeCase, covered, denied, scanFormat, when, writerFamily } from "./target.js";
import { DoctorError } from "./errors.js";
import { readAny } from "./readers/index.js";
import { isDict, get, has, text } from "./readers/common.js";
import { MAX_DEPTH, MAX_LAYERS, SCHEMA_VERSION, T, page } from "./tables.js";

function nameOf(entry, cfg) {
  const name = has(entry, "name") ? entry.name : has(cfg, "name") ? cfg.name : "?";
  if (typeof name !== "string") {
    throw new DoctorError("a layer whose name is not a string: not a Keras model config");
  }
  return name;
}

// Every layer entry of a model config, nested models' and wrapped layers included
// (wrappers in wrappers too).
function layersOf(config, prefix = "", depth = 0, out = []) {
  if (depth > MAX_DEPTH) throw new DoctorError("the model config nests models too deeply");
  const inner = isDict(config) ? get(config, "config") : null;
  const entries = isDict(inner) ? get(inner, "layers") : inner;
  if (!Array.isArray(entries)) return out;
  for (const entry of entries) {
    if (!isDict(entry) || typeof get(entry, "class_name") !== "string") {
      throw new DoctorError(`layer ${out.length + 1} of the model config is not a layer ` +
                            "(no class name): not a Keras model config");
    }
    addEntry(entry, prefix, depth, out);
  }
  return out;
}

function addEntry(entry, prefix, depth, out) {
  if (out.length >= MAX_LAYERS) {
    throw new DoctorError(`the model config lists more than ${MAX_LAYERS} layers`);
  }
  if (depth > MAX_DEPTH) throw new DoctorError("the model config nests models too deeply");
  const cfg = isDict(get(entry, "config")) ? entry.config : {};
  const name = nameOf(entry, cfg);
  out.push([prefix + name, entry]);
  if (Array.isArray(get(cfg, "layers"))) layersOf(entry, `${prefix}${name}/`, depth + 1, out);
  for (const key of ["layer", "forward_layer", "backward_layer"]) {  // wrappers
    const sub = get(cfg, key);
    if (isDict(sub)) {
      if (typeof get(sub, "class_name") !== "string") {
        throw new DoctorError(`the layer wrapped by ${pyRepr(name)} has no class name: not a ` +
                              "Keras model config");
      }
      addEntry(sub, `${prefix}${name}/`, depth + 1, out);
    }
  }
}

// A model config, not any JSON object: a class name, and the layers a model lists.
function checkModel(config) {
  if (!isDict(config) || typeof get(config, "class_name") !== "string") {
    throw new DoctorError("the model config is not a JSON object with a class name: not a " +
                          "Keras model");
  }
  const inner = get(config, "config");
  const layers = isDict(inner) ? get(inner, "layers") : inner;
  if (T.MODEL_CLASSES.has(config.class_name) && !Array.isArray(layers)) {
    throw new DoctorError(`a ${config.class_name} model config without a list of layers: ` +
                          "not a Keras model");
  }
}

function kindOf(entry) {
  const cls = entry.class_name;
  const module = text(get(entry, "module")) || "";
  const registered = text(get(entry, "registered_name")) || "";
  // Keras 3 looks a class up by its registered name (custom_objects, the registry), then in
  // its own API by module and class name: a registered name on a Keras class does not make it
  // custom (3.15 refuses the pair; older releases load the built-in)
  const kerasModule = module === "keras" || module.startsWith("keras.");
  if (cls === "Lambda" && (!registered || kerasModule)) return "lambda";
  if (T.TFOP_CLASSES.has(cls)) return "tfoplambda";
  if (cls === "KerasLayer" || module.startsWith("tensorflow_hub")) return "hub";
  if (module.startsWith("keras.src.ops") ||
      (!module && T.KERAS_OPS.has(cls) && !T.BUILTIN_LAYERS.has(cls))) return "operation";
  if (cls.includes(">") || (registered.includes(">") && !kerasModule)) return "custom";
  if (module) return module.startsWith("keras") ? "builtin" : "custom";
  return T.BUILTIN_LAYERS.has(cls) ? "builtin" : "custom";
}

// What a Lambda (or TFOpLambda) wraps; a function not readable is reported for that layer.
function functionOf(entry) {
  try {
    return readFunction(entry);
  } catch (e) {
    if (e instanceof DoctorError) throw e;
    return { type: "unknown", problem: `unreadable (${e.name || "Error"})` };
  }
}

function readFunction(entry) {
  const cfg = isDict(get(entry, "config")) ? entry.config : {};
  const fn = seq(get(cfg, "function"));
  if (T.TFOP_CLASSES.has(get(entry, "class_name"))) {
    return { type: "tf-op", name: typeof fn === "string" ? `tf.${fn}` : null };
  }
  let code = null;
  const functionType = has(cfg, "function_type") ? cfg.function_type : "lambda";
  if (isDict(fn) && get(fn, "class_name") === "__lambda__") {  // Keras 3
    const c = get(fn, "config");
    code = isDict(c) ? get(c, "code") : null;
  } else if (Array.isArray(fn) && fn.length && functionType === "lambda") {  // Keras 2
    code = fn[0];
  } else if (typeof fn === "string" && get(cfg, "function_type") === "lambda") {
    code = fn;
  }
  if (typeof code === "string") {
    const info = readBytecode(code);
    const out = { type: "bytecode", python: info.python, name: info.name ?? null,
                  defined_in: info.filename ?? null, globals: info.globals ?? null };
    if (has(info, "problem")) out.problem = info.problem;
    return out;
  }
  if (isDict(fn)) {  // Keras 3: a function stored by name
    return { type: "named", name: text(get(fn, "config")), module: text(get(fn, "module")),
             registered_name: text(get(fn, "registered_name")) };
  }
  if (typeof fn === "string") {  // Keras 2: function_type "function"
    return { type: "named", name: fn, module: text(get(cfg, "module")) };
  }
  return { type: "unknown" };
}

// str.format(**values) with Python's str() of each value
function format(template, values) {
  return template.replace(/\{\{|\}\}|\{(\w+)\}/g, (m, key) => {
    if (m === "{{") return "{";
    if (m === "}}") return "}";
    const v = values[key];
    return v === null || v === undefined ? "None" : String(v);
  });
}

// The report's findings: wording, severity and page from the spec (findings.json).
class Findings extends Array {
  static get [Symbol.species]() { return Array; }

  add(code, layer = null, values = {}) {
    this.push({ code, severity: T.SEVERITY[code], layer,
                message: format(T.MESSAGES[code], values), page: page(code, this.fmt) });
  }
}

const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

// Python's repr() of a str (or of None)
export function pyRepr(s) {
  if (s === null || s === undefined) return "None";
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) {
      out += c <= 0xff ? "\\x" + c.toString(16).padStart(2, "0")
        : c <= 0xffff ? "\\u" + c.toString(16).padStart(4, "0") : "\\U" + c.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return quote + out + quote;
}

// What stands in the way of loading one layer.
function layerRules(find, name, entry, layer, custom) {
  const { kind } = layer;
  const cls = layer.class_name;
  const fn = layer.function || {};
  if (find.fmt === "tfjs" && ["lambda", "custom", "tfoplambda", "hub"].includes(kind)) {
    find.add("KD015", name, { cls: pyRepr(cls) });
    custom.add(cls);
    return;
  }
  if (kind === "lambda" && fn.type !== "bytecode" && fn.type !== "named") {
    find.add("KD016", name, { why: fn.problem ? ` (${fn.problem})` : "" });
  } else if (kind === "tfoplambda") {
    find.add("KD007", name, { op: fn.name });
  } else if (kind === "hub") {
    find.add("KD008", name);
    custom.add("KerasLayer");
  } else if (kind === "operation" && find.fmt === "h5") {
    find.add("KD017", name, { cls: pyRepr(cls) });
  } else if (kind === "custom" && !revived(find.fmt)) {
    const reg = layer.registered_name || cls;
    if (reg.includes(">")) {
      find.add("KD006", name, { cls: pyRepr(reg), package: pyRepr(reg.split(">")[0]) });
    } else {
      find.add("KD005", name, { cls: pyRepr(cls) });
    }
    custom.add(reg);
  }
}

const WHERE = { function: "the Lambda's function", output_shape: "the Lambda's output_shape",
                mask: "the Lambda's mask" };

// What Keras would turn into a callable: bytecode, functions stored by name.
function codeRules(find, report, custom) {
  const fmt = find.fmt;
  const scan = scanFormat({ ...report, findings: find });
  for (const c of report.code) {
    const where = has(WHERE, c.role) ? WHERE[c.role] : `the ${c.role}`;
    const at = c.layer || c.path;
    if (fmt === "tfjs") continue;
    if (c.type === "bytecode") {
      if (has(c, "problem")) find.add("KD016", at, { why: ` (${c.problem})` });
      const what = c.name === null || c.name === undefined || c.name === "<lambda>"
        ? "a Python lambda" : `function ${pyRepr(c.name)}`;
      if (c.untagged) find.add("KD023", at, { where, what, path: c.path });
      else {
        find.add("KD001", at, { where, what, path: c.path,
                                when: when(codeCase(c, report), scan, report.keras_version) });
      }
      if (c.python !== "unknown") find.add("KD002", at, { python: c.python });
      if (c.globals && c.globals.length) find.add("KD003", at, { names: c.globals.join(", ") });
    } else if (c.source === "keras") {
      if (has(WHERE, c.role)) {
        find.add("KD021", at, { where, name: `${c.module}.${c.name}`,
                                when: denied(`${c.module}.${c.name}`) });
      }
    } else if (!revived(fmt, c.path)) {
      find.add(has(WHERE, c.role) ? "KD004" : "KD009", at, { name: pyRepr(c.name) });
      custom.add(c.name);
    }
  }
}

// A Keras 2 SavedModel's layer whose class or function the loader lacks is revived from the
// SavedModel's traced functions (tf-keras saved_model/load.py: from its config if it can, else
// revive_custom_object): it loads without custom_objects. The compile settings are not revived.
function revived(fmt, path = "config") {
  return fmt === "savedmodel" && !path.startsWith("training_config") &&
    !path.startsWith("compile_config");
}

// What the file as a whole says: its format, and which Keras wrote it.
function fileRules(find, info, version) {
  const { fmt } = find;
  if (fmt === "h5-weights") find.add("KD014");
  if (fmt === "savedmodel") find.add(info.keras_metadata ? "KD013" : "KD012");
  if (version.startsWith("2.") || version.startsWith("1.")) {
    const which = writerFamily(version);
    if (fmt === "keras") find.add("KD020", null, { version, which });
    else if (fmt === "h5" || fmt === "json") {
      find.add("KD010", null, { version, which, loads: when("plain", fmt, version, ["keras3"]) });
    }
  } else if (version.startsWith("3.") && ["h5", "keras", "json"].includes(fmt)) {
    find.add("KD011", null, { version });
  }
}

// diagnose(path) of the Python doctor: here the files the reader picked or dropped.
export function diagnose(files, env) {
  const info = readAny(files, env);
  const fmt = info.format;
  const report = {
    doctor: SCHEMA_VERSION,
    path: info.path,
    format: fmt,
    format_label: T.FORMAT_LABELS[fmt],
    keras_version: text(info.keras_version),
    backend: text(info.backend),
    tensorflow_version: text(info.tensorflow_version),
    model_class: null,
    compiled: false,
    layers: [],
    code: [],
    custom_objects: [],
    findings: [],
  };
  for (const key of ["generated_by", "converted_by", "signatures", "keras_metadata", "unzipped"]) {
    if (has(info, key)) report[key] = info[key];
  }
  const config = info.config ?? null;
  if (["h5", "keras", "tfjs", "json"].includes(fmt)) checkModel(config);
  const find = new Findings();
  find.fmt = fmt;
  if (has(info, "name_mismatch")) {
    const [code, message] = info.name_mismatch;
    find.add(code, null, { message });
  }
  const custom = new Set();
  const version = report.keras_version || "";
  report.compiled = has(info, "training_config") ||
    (isDict(config) && isDict(get(config, "compile_config")) &&
     Object.keys(config.compile_config).length > 0);  // an uncompiled model's .keras has {}
  const extra = {};
  for (const k of ["compile_config", "training_config"]) {
    const v = get(info, k);
    if (v !== null && typeof v === "object") extra[k] = v;
  }
  let hazards;
  [report.code, hazards] = storedCode(config, extra);
  hazards = hazards.concat(hdf5Hazards(info.hdf5 || []));
  if (hazards.length) report.hazards = hazards;
  if (isDict(config)) {
    report.model_class = text(get(config, "class_name"));
    for (const [name, entry] of layersOf(config)) {
      let kind = kindOf(entry);
      if (kind === "operation" && !version.startsWith("3")) kind = "custom";
      const layer = { name, class_name: entry.class_name, module: text(get(entry, "module")),
                      registered_name: text(get(entry, "registered_name")), kind };
      if (kind === "lambda" || kind === "tfoplambda") layer.function = functionOf(entry);
      report.layers.push(layer);
      layerRules(find, name, entry, layer, custom);
    }
  }
  codeRules(find, report, custom);
  for (const h of report.hazards || []) {
    find.add("KD022", h.layer || h.path, { found: h.found, value: h.value,
                                           advisories: h.advisories.join(", "),
                                           covers: covered(h.advisories) });
  }
  fileRules(find, info, version);
  report.custom_objects = [...custom];
  report.findings = [...find];
  return report;
}
