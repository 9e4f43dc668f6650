// tables.py: the doctor's limits, and its rules read from the spec folder
// (doctor/keras_doctor/spec/, shared with the Python doctor; the site publishes it at the same
// place relative to this folder, so the same import works from a checkout and from the site).
import LIMITS from "../keras_doctor/spec/limits.json" with { type: "json" };

export const SCHEMA_VERSION = 1;
// Limits: the Python doctor's (spec/limits.json says what each one bounds)
export const {
  MAX_CONFIG_BYTES, MAX_JSON_OBJECTS, MAX_JSON_ITEMS, MAX_JSON_DEPTH, MAX_LAYERS, MAX_DEPTH,
  MAX_PB_BYTES, MAX_PB_FIELDS, MAX_ZIP_ENTRIES, MAX_BYTECODE, MAX_FUNCTIONS, MAX_TEXT_NAME,
  MAX_H5_OBJECTS, MAX_DATASET_BYTES,
} = LIMITS;

export const T = {};  // filled by load(): the same names as tables.py's

const SPECS = ["findings", "classes", "bytecode", "formats", "site", "releases"];

export async function load(base) {
  const data = {};
  await Promise.all(SPECS.map(async (name) => {
    const response = await fetch(new URL(`${name}.json`, base));
    if (!response.ok) throw new Error(`spec ${name}.json: HTTP ${response.status}`);
    data[name] = await response.json();
  }));
  setSpec(data);
}

function drop(d) {
  const out = { ...d };
  delete out.$comment;
  return out;
}

export function setSpec(data) {
  const findings = drop(data.findings);
  T.FINDINGS = findings;
  T.SEVERITY = {};
  T.MESSAGES = {};
  for (const [code, f] of Object.entries(findings)) {
    T.SEVERITY[code] = f.severity;
    T.MESSAGES[code] = f.message;
  }
  T.SITE_URL = data.site.site_url.replace(/\/+$/, "");
  T.FORMAT_LABELS = data.formats.labels;
  T.OTHER_FILES = data.formats.others;  // files often taken for a Keras model, and what each is
  T.RELEASES = data.releases;
  const classes = data.classes;
  T.MODEL_CLASSES = new Set(classes.models);
  T.BUILTIN_LAYERS = new Set([...classes.layers, ...classes.models]);
  T.KERAS_OPS = new Set(classes.operations);
  T.TFOP_CLASSES = new Set(classes.tf_op_layers);
  T.BUILTIN_ACTIVATIONS = new Set(classes.activations);
  const bc = data.bytecode;
  T.CODE_WITH_REF = bc.marshal.code_with_ref;
  T.CODE_WITHOUT_REF = bc.marshal.code_without_ref;
  T.OPCODES = {};
  for (const [v, o] of Object.entries(bc.opcodes)) {
    const caches = new Map(Object.entries(o.caches).map(([k, n]) => [Number(k), n]));
    T.OPCODES[v] = [o.valid, o.resume, caches];
  }
  T.GLOBAL_OPS = {};
  for (const [v, g] of Object.entries(bc.load_global)) {
    T.GLOBAL_OPS[v] = [g.load_global, g.extended_arg, g.shift];
  }
  T.CODE_LAYOUTS = bc.code_layouts.map((c) => [c.family, c.versions, c.ints, c.objects]);
}

// Where a finding is answered: the full URL of the page and heading on the hosted site.
export function page(code, fmt = null) {
  const f = T.FINDINGS[code];
  const byFormat = f.answer_by_format || {};
  return answerUrl(Object.hasOwn(byFormat, fmt) ? byFormat[fmt] : f.answer);
}

// An answer "page#anchor" as its full URL on the hosted site.
export function answerUrl(answer) {
  const [name, anchor] = answer.split("#");
  return `${T.SITE_URL}/${name}/#${anchor}`;
}
