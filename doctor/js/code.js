// code.py: every object of a model config that Keras turns into a callable when it loads
// the file, found the way Keras finds it: by walking every nested config.
import { readBytecode } from "./bytecode.js";
import { DoctorError } from "./errors.js";
import { isDict, get, has, text } from "./readers/common.js";
import { MAX_DEPTH, MAX_LAYERS, T } from "./tables.js";

const K2_MODULE = { function: "module" };  // what sits beside a Keras 2 function

function bytecode(code) {
  let info;
  try {
    info = readBytecode(code);
  } catch (e) {
    if (e instanceof DoctorError) throw e;
    return { type: "bytecode", python: "unknown", name: null, defined_in: null, globals: null,
             problem: `unreadable (${e.name || "Error"})` };
  }
  const out = { type: "bytecode", python: info.python, name: info.name ?? null,
                defined_in: info.filename ?? null, globals: info.globals ?? null };
  if (has(info, "problem")) out.problem = info.problem;
  return out;
}

const NO_CODE = () => ({ type: "bytecode", python: "unknown", name: null, defined_in: null,
                         globals: null, problem: "no code" });

// A list, or a tuple as Keras's legacy JSON writes one, {"class_name": "__tuple__", "items":
// [...]} (json_utils, which decodes .h5 configs and SavedModel metadata): its items.
// A Keras 2 SavedModel stores a Lambda's [code, defaults, closure] that way.
export function seq(v) {
  if (isDict(v) && get(v, "class_name") === "__tuple__" && Array.isArray(get(v, "items"))) return v.items;
  return v;
}

function lambdaCode(node) {
  const c = get(node, "config");
  if (!isDict(c)) return null;
  let code = get(c, "code");
  const value = get(c, "value");
  if (code === null && Array.isArray(value) && value.length) code = value[0];
  return code;
}

// {"value": [code, defaults, closure]} with no class name: how Keras 3 writes a lambda
// activation. Keras reads no function back from it; its bytecode is reported all the same.
function untagged(node) {
  const value = get(node, "value");
  if (has(node, "class_name") || Object.keys(node).length !== 1 || !Array.isArray(value) ||
      !value.length) return null;
  const code = value[0];
  return typeof code === "string" && (code.startsWith("4w") || code.startsWith("Yw")) ? code : null;
}

const source = (module) => {
  const m = module || "";
  return m === "keras" || m.startsWith("keras.") ? "keras" : "user";
};

// where a layer config names its activations: Keras 2.12 writes a custom one by its bare name
const ACTIVATION_KEYS = ["activation", "recurrent_activation"];

// where a model config holds layers: a model's list, a wrapper's layer(s)
const LAYER_KEYS = ["layers", "layer", "forward_layer", "backward_layer"];

class Walk {
  constructor() { this.found = []; this.hazards = []; this.nodes = 0; }

  // The advisories whose pattern this object's config matches, one entry per place.
  hazard(cls, cfg, path, layer) {
    for (const h of T.RELEASES.hazards) {
      const f = h.file;
      let value = null;
      let at = path ? `${path}.config` : "config";
      const held = has(f, "key") ? get(cfg, f.key) : null;
      if ((f.class_names || []).includes(cls) && typeof held === "string" && held) {
        value = held;
        at = `${at}.${f.key}`;
      } else if (has(f, "layer_name") && typeof get(cfg, "name") === "string" &&
                 f.layer_name.some((part) => cfg.name.includes(part))) {
        value = cfg.name;
        at = `${at}.name`;
      }
      if (value === null) continue;
      const entry = this.hazards.find((e) => e.path === at);
      if (entry) entry.advisories.push(h.id);
      else if (this.hazards.length < MAX_LAYERS) {
        this.hazards.push({ path: at, layer, found: f.found, value: value.slice(0, 200),
                            advisories: [h.id] });
      }
    }
  }

  add(entry, path, layer, key) {
    if (this.found.length < MAX_LAYERS) this.found.push({ path, layer, role: key, ...entry });
  }

  walk(node, path, layer, key, depth) {
    this.nodes += 1;
    if (depth > 4 * MAX_DEPTH || this.nodes > 50 * MAX_LAYERS) return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => this.walk(v, `${path}[${i}]`, layer, key, depth + 1));
      return;
    }
    if (!isDict(node)) return;
    const cls = get(node, "class_name");
    const plain = untagged(node);
    if (plain !== null) {
      this.add({ ...bytecode(plain), untagged: true }, path, layer, key);
      return;
    }
    if (cls === "__lambda__") {
      const code = lambdaCode(node);
      this.add(typeof code === "string" ? bytecode(code) : NO_CODE(), path, layer, key);
      return;
    }
    if (cls === "function" && typeof get(node, "config") === "string") {
      const module = text(get(node, "module"));
      this.add({ type: "function", name: node.config, module,
                 registered_name: text(get(node, "registered_name")), source: source(module) },
               path, layer, key);
      return;
    }
    const cfg = get(node, "config");
    if (depth && typeof cls === "string" && isDict(cfg) && typeof get(cfg, "name") === "string" &&
        (has(cfg, "trainable") || LAYER_KEYS.includes(key))) {  // a layer
      layer = layer ? `${layer}/${cfg.name}` : cfg.name;
    }
    if (typeof cls === "string" && isDict(cfg)) this.hazard(cls, cfg, path, layer);
    for (let [k, v] of Object.entries(node)) {
      const sub = path ? `${path}.${k}` : k;
      const kind = get(node, `${k}_type`);
      if (kind === "lambda" && (Array.isArray(seq(v)) || typeof v === "string")) {  // Keras 2: func_dump
        v = seq(v);
        const code = Array.isArray(v) ? (v.length ? v[0] : null) : v;
        this.add(typeof code === "string" ? bytecode(code) : NO_CODE(), sub, layer, k);
      } else if (ACTIVATION_KEYS.includes(k) && typeof v === "string" &&
                 !T.BUILTIN_ACTIVATIONS.has(v)) {  // a custom one, by name
        this.add({ type: "function", name: v, module: null, registered_name: null, source: "user" },
                 sub, layer, k);
      } else if (kind === "function" && typeof v === "string") {  // Keras 2: a name
        const module = text(get(node, has(K2_MODULE, k) ? K2_MODULE[k] : `${k}_module`));
        this.add({ type: "function", name: v, module, registered_name: null, source: "user" },
                 sub, layer, k);
      } else {
        this.walk(v, sub, layer, v !== null && typeof v === "object" ? k : key, depth + 1);
      }
    }
  }
}

// Every bytecode and every function stored by name in a model config (and in the other
// configs Keras reads with it: compile_config, training_config), with its path; and what an
// advisory names, with its path.
export function storedCode(config, extra = {}) {
  const w = new Walk();
  if (isDict(config)) w.walk(config, "", null, "model", 0);
  for (const [name, value] of Object.entries(extra)) w.walk(value, name, null, name, 0);
  return [w.found, w.hazards];
}

// The advisories whose pattern an HDF5 feature its reader reported matches.
export function hdf5Hazards(features) {
  const out = [];
  for (const feat of features) {
    const ids = T.RELEASES.hazards.filter((h) => (h.file.hdf5 || []).includes(feat.feature))
      .map((h) => h.id);
    if (ids.length) {
      out.push({ path: feat.path, layer: null, found: feat.found, value: feat.value.slice(0, 200),
                 advisories: ids });
    }
  }
  return out;
}
