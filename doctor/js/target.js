// target.py: --keras X.Y (the page's version picker): what that Keras version does with
// this file, from the version scan's runs (spec/releases.json), and which advisories cover it.
import { T } from "./tables.js";

// The version scan's name for a file like this one: plain, lambda, tf_call, named, tfop or
// custom; null when no file of the scan has this file's features (stored code elsewhere
// than a top-level Lambda's function, several kinds at once, a compiled model).
const isTop = (c) => c.path.startsWith("config.layers[") && c.path.split(".").length === 4 &&
  c.role === "function";

// A Keras class given a registered name of another (by hand): Keras 3.15 refuses the pair,
// older releases load the built-in; no file of the scan has one.
const renamed = (report) => report.layers.some((layer) =>
  layer.registered_name !== null && layer.registered_name !== undefined &&
  layer.registered_name !== layer.class_name && layer.kind !== "custom");

export function fileKind(report) {
  const layers = report.layers;
  if (report.compiled || !layers.length || renamed(report)) return null;
  const features = new Set();
  for (const c of report.code || []) {
    if (!isTop(c) || (c.type === "function" && c.source === "keras")) return null;
    features.add(c.type === "function" ? "named"
      : (c.globals || []).includes("tf") ? "tf_call" : "lambda");
  }
  for (const layer of layers) {
    if (layer.kind === "builtin" || layer.kind === "lambda") continue;
    features.add(layer.kind === "tfoplambda" ? "tfop" : layer.kind);
  }
  const known = ["named", "lambda", "tf_call", "tfop", "custom"];
  if (features.size > 1 || [...features].some((f) => !known.includes(f))) return null;
  return features.size ? [...features][0] : "plain";
}

const matches = (keras, wanted) => keras === wanted || keras.startsWith(wanted + ".");

export function known(wanted) {
  return Object.values(T.RELEASES.releases).some((r) => matches(r.keras, wanted));
}

// The format whose runs apply to this file: none when its name is not the one Keras picks
// that reader by (KD018: an .h5 named .KERAS, a zip named .h5...), or for an unzipped .keras
// folder (which tf-keras, Keras 2 and early Keras 3 do not read as one), as no run of the
// scan loaded such a file.
export function scanFormat(report) {
  if (report.unzipped || (report.findings || []).some((f) => f.code === "KD018")) return null;
  return report.format;
}

export function target(report, wanted) {
  const data = T.RELEASES;
  const ext = { h5: "h5", keras: "keras" }[scanFormat(report)];
  const kind = fileKind(report);
  const writer = report.keras_version ?? null;
  const out = { keras: wanted, file: kind && ext ? `${kind}.${ext}` : null, written_by: writer, releases: [] };
  for (const [name, rel] of Object.entries(data.releases)) {
    if (!matches(rel.keras, wanted)) continue;
    const seen = rel.loads[writer || ""] || {};
    const verdicts = {};
    for (const [c, i] of Object.entries(seen)) {
      const cut = c.indexOf(", ");
      if (out.file && cut >= 0 && c.slice(0, cut) === out.file) verdicts[c.slice(cut + 2)] = data.verdicts[i];
    }
    out.releases.push({ release: name, family: rel.family, keras: rel.keras, verdicts, advisories: rel.advisories });
  }
  return out;
}

// --- the releases a claim holds for, from the same runs ---------------------------------

export function outcome(verdict) {
  if (verdict === null || verdict === undefined || verdict.startsWith("n/a")) return null;
  return verdict.split(" ", 1)[0].replace(/[;:]+$/, "");
}

// The scan's case that stored code like this one was seen in (a top-level Lambda's bytecode).
export function codeCase(entry, report) {
  if (entry.type !== "bytecode" || !(entry.path.startsWith("config.layers[") &&
      entry.path.split(".").length === 4 && entry.path.endsWith("].config.function")) ||
      renamed(report)) return null;
  return (entry.globals || []).includes("tf") ? "tf_call" : "lambda";
}

function ranges(names) {
  const data = T.RELEASES;
  const order = Object.keys(data.releases);
  const runs = [];
  let run = [];
  for (const name of [...names].sort((a, b) => order.indexOf(a) - order.indexOf(b))) {
    const last = run[run.length - 1];
    if (run.length && order.indexOf(name) === order.indexOf(last) + 1 &&
        data.releases[name].family === data.releases[last].family) {
      run.push(name);
      continue;
    }
    if (run.length) runs.push(run);
    run = [name];
  }
  if (run.length) runs.push(run);
  const label = data.families || {};
  return runs.map((r) => {
    const first = data.releases[r[0]], last = data.releases[r[r.length - 1]];
    const title = (label[first.family] || {}).title || first.family;
    return `${title} ${first.keras}` + (r.length > 1 ? `\u2013${last.keras}` : "");
  }).join(", ");
}

export function outcomes(kase, fmt, writer, families = null) {
  const ext = { h5: "h5", keras: "keras" }[fmt];
  const out = {};
  if (!kase || !ext || !writer) return out;
  const data = T.RELEASES;
  for (const [name, rel] of Object.entries(data.releases)) {
    if (families && !families.includes(rel.family)) continue;
    const seen = rel.loads[writer] || {};
    const modes = {};
    for (const [c, i] of Object.entries(seen)) {
      const cut = c.indexOf(", ");
      if (c.slice(0, cut) !== `${kase}.${ext}`) continue;
      const o = outcome(data.verdicts[i]);
      if (o) modes[c.slice(cut + 2)] = o;
    }
    if (Object.keys(modes).length) out[name] = modes;
  }
  return out;
}

const WHEN = new Map();  // the same question once per file, however many stored functions ask it

export function when(kase, fmt, writer, families = null) {
  const key = JSON.stringify([kase, fmt, writer, families ? [...families].sort() : null]);
  if (!WHEN.has(key)) WHEN.set(key, whenOnce(kase, fmt, writer, families));
  return WHEN.get(key);
}

function whenOnce(kase, fmt, writer, families) {
  const seen = outcomes(kase, fmt, writer, families);
  if (!Object.keys(seen).length) {
    return "no release in the knowledge base's runs was tried on a file like this";
  }
  const groups = [["loaded by default by", []], ["loaded only with safe_mode=False by", []],
                  ["not loaded by", []]];
  for (const [name, modes] of Object.entries(seen)) {
    if (modes.default === "loads") groups[0][1].push(name);
    else if (modes["safe_mode=False"] === "loads") groups[1][1].push(name);
    else groups[2][1].push(name);
  }
  return groups.filter(([, n]) => n.length).map(([how, n]) => `${how}: ${ranges(n)}`).join("; ");
}

export function denied(api) {
  const rels = Object.entries(T.RELEASES.releases);
  const refuse = rels.filter(([, r]) => (r.denylist || []).includes(api)).map(([n]) => n);
  const allow = rels.filter(([n, r]) => r.denylist && !refuse.includes(n)).map(([n]) => n);
  const parts = [];
  if (allow.length) parts.push(`resolved without custom_objects by ${ranges(allow)}`);
  if (refuse.length) parts.push(`refused by the denylist of ${ranges(refuse)}`);
  return parts.join("; ") || "no release in the knowledge base's runs was checked";
}

// The releases under test that these advisories cover (their ranges, data/advisories.toml).
export function covered(ids) {
  const data = T.RELEASES;
  const names = Object.entries(data.releases)
    .filter(([, r]) => r.advisories.some((a) => ids.includes(a.id))).map(([n]) => n);
  const fixed = [...new Set(data.hazards.filter((h) => ids.includes(h.id))
    .flatMap((h) => h.fixed))].sort();
  if (!names.length) return `none of the releases under test (fixed in ${fixed.join(", ")})`;
  return `${ranges(names)} of the releases under test (fixed in ${fixed.join(", ")})`;
}

export function writerFamily(version) {
  const data = T.RELEASES;
  const mm = version.split(".").slice(0, 2).join(".");
  const fams = [...new Set(Object.values(data.releases)
    .filter((r) => r.keras.split(".").slice(0, 2).join(".") === mm).map((r) => r.family))];
  const label = data.families || {};
  return fams.map((f) => (label[f] || {}).label || f).join(", ") || `Keras ${version.split(".")[0]}`;
}
