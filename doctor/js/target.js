// target.py: --keras X.Y (the page's version picker): what that Keras version does with
// this file, from the version scan's runs (spec/releases.json), and which advisories cover it.
import { T } from "./tables.js";

// The version scan's name for a file like this one: plain, lambda, tf_call, named, tfop or
// custom (null when the scan has no such file).
export function fileKind(report) {
  const layers = report.layers;
  const kinds = new Set(layers.map((layer) => layer.kind));
  const lambdas = layers.filter((layer) => layer.kind === "lambda").map((layer) => layer.function || {});
  if (kinds.has("tfoplambda")) return "tfop";
  if (kinds.has("custom")) return "custom";
  if (lambdas.some((fn) => fn.type === "named")) return "named";
  if (lambdas.length) return lambdas.some((fn) => (fn.globals || []).includes("tf")) ? "tf_call" : "lambda";
  if (layers.length && [...kinds].every((k) => k === "builtin")) return "plain";
  return null;
}

const matches = (keras, wanted) => keras === wanted || keras.startsWith(wanted + ".");

export function known(wanted) {
  return Object.values(T.RELEASES.releases).some((r) => matches(r.keras, wanted));
}

export function target(report, wanted) {
  const data = T.RELEASES;
  const ext = { h5: "h5", keras: "keras" }[report.format];
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
