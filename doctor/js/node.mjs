#!/usr/bin/env node
// keras-doctor's JavaScript port in Node, from a checkout, without a browser:
//
//   node doctor/js/node.mjs PATH [--keras VERSION]
//
// PATH is a model file or a folder (a SavedModel, or a model.json with its weights); it
// prints the JSON report `keras-doctor --json` prints, from the same modules the page's
// worker runs (worker.js), and exits 0; a file it cannot read: one line on stderr, exit 2.
// The npm packages (h5wasm, fflate: package-lock.json here) are read from
// KB_DOCTOR_NODE_MODULES, else from .runtimes/doctor-web-node/node_modules, where
// kb/site/doctor_web.py installs them. The page imports them from ./vendor/, where the
// site publishes them; here a resolve hook maps those imports to the installed packages.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { register } from "node:module";
import { pathToFileURL } from "node:url";

const here = path.dirname(new URL(import.meta.url).pathname);
const modules = process.env.KB_DOCTOR_NODE_MODULES ||
  path.resolve(here, "..", "..", ".runtimes", "doctor-web-node", "node_modules");
const VENDOR = {
  "fflate/browser.js": "fflate/esm/browser.js",
  "h5wasm/hdf5_hl.js": "h5wasm/dist/node/hdf5_hl.js",
};
const map = Object.fromEntries(Object.entries(VENDOR).map(
  ([from, to]) => [from, pathToFileURL(path.join(modules, to)).href]));
register("data:text/javascript," + encodeURIComponent(`
  const map = ${JSON.stringify(map)};
  export async function resolve(specifier, context, next) {
    const m = /\\/vendor\\/(.+)$/.exec(specifier);
    return next(m && map[m[1]] ? map[m[1]] : specifier, context);
  }`));

function usage(message) {
  process.stderr.write(`${message}\nusage: node doctor/js/node.mjs PATH [--keras VERSION]\n`);
  process.exit(2);
}

// a file as the readers see a picked one: its name, its path, its size, read(offset, length)
function source(file, rel) {
  const size = fs.statSync(file).size;
  return {
    name: path.basename(file), path: rel, size, fsPath: file,
    read(offset, length) {
      const end = Math.min(offset + length, size);
      if (end <= offset) return new Uint8Array(0);
      const out = new Uint8Array(end - offset);
      const fd = fs.openSync(file, "r");
      try { fs.readSync(fd, out, 0, out.length, offset); } finally { fs.closeSync(fd); }
      return out;
    },
  };
}

// h5wasm in Node opens paths of the real file system only (NODERAWFS): an HDF5 file that is
// not one (a slice of a zip, inflated bytes: a .keras's model.weights.h5) is copied to a
// temporary folder, removed on exit. (The page mounts it in place instead: worker.js.)
const temps = [];
process.on("exit", () => temps.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function copied(src) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keras-doctor-"));
  temps.push(dir);
  const file = path.join(dir, src.name);
  const fd = fs.openSync(file, "w");
  try {
    for (let at = 0; at < src.size; at += 1 << 24) fs.writeSync(fd, src.read(at, 1 << 24));
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

function picked(target) {
  if (!fs.statSync(target).isDirectory()) return [source(target, path.basename(target))];
  const out = [];
  const walk = (dir, rel) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full, `${rel}/${name}`);
      else out.push(source(full, `${rel}/${name}`));
    }
  };
  walk(target, path.basename(path.resolve(target)));
  return out;
}

async function main(argv) {
  const args = [...argv];
  let keras = null;
  const at = args.indexOf("--keras");
  if (at >= 0) {
    keras = args[at + 1];
    if (!keras) usage("--keras needs a version");
    args.splice(at, 2);
  }
  if (args.length !== 1) usage("one PATH");
  if (!fs.existsSync(args[0])) usage(`${args[0]}: no such file or folder`);
  const [h5, tables, findings, report, errors, target] = await Promise.all([
    import("./vendor/h5wasm/hdf5_hl.js"), import("./tables.js"), import("./findings.js"),
    import("./report.js"), import("./errors.js"), import("./target.js")]);
  const spec = path.resolve(here, "..", "keras_doctor", "spec");
  tables.setSpec(Object.fromEntries(["findings", "classes", "bytecode", "formats", "site", "releases"]
    .map((name) => [name, JSON.parse(fs.readFileSync(path.join(spec, `${name}.json`), "utf8"))])));
  const Module = await h5.ready;
  for (const level of ["log", "info", "warn", "debug"]) console[level] = () => {};  // HDF5's error stack
  const env = { h5: { ...h5, Module }, openH5: (src) => new h5.File(src.fsPath || copied(src), "r") };
  try {
    let out = findings.diagnose(picked(args[0]), env);
    if (keras) out.target = target.target(out, keras);
    out = report.clean(out);
    process.stdout.write(report.toJson(out) + "\n");
  } catch (e) {
    if (e instanceof errors.DoctorError) {
      process.stderr.write(`${args[0]}: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

await main(process.argv.slice(2));
