// readers/__init__.py: readers, one per format; readAny picks the one Keras would use for a
// file name. Keras picks its reader by the name: a .keras name is opened as a zip, a .h5 or
// .hdf5 name as HDF5; the doctor reads what Keras reads for that name and says when the
// content disagrees with it. Other names are read by their content.
// Where the Python doctor takes a path, this one takes the files the reader picked: one
// model file, a model.json (with its weights files, not read), or a SavedModel's files.
import { DoctorError } from "../errors.js";
import { MAX_CONFIG_BYTES, T, answerUrl } from "../tables.js";
import { WS } from "./common.js";
import { hdf5Offset, readH5 } from "./h5.js";
import { readModelJson } from "./json_model.js";
import { isZip, readKerasDir, readKerasZip } from "./keras_zip.js";
import { readSavedModel } from "./savedmodel.js";

const SNIFF_BYTES = 1 << 16;

function extension(name) {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot) : "";
}

// A name such as model.KERAS or model.H5: Keras 3 matches the lower-case extension exactly
// and refuses it ("File format not supported"); tf-keras and Keras 2 open any name that is
// not a lower-case .keras zip as HDF5. So the HDF5 model is what runs.
function upperCase(source, ext, hdf5, zipped) {
  const low = ext.toLowerCase();
  if (hdf5) {
    const info = readH5(source, env);
    const other = zipped ? "; it also holds a zip, which a lower-case .keras name would load" : "";
    info.name_mismatch = ["KD018", `named ${ext}: Keras 3 picks its reader by the lower-case ` +
      "extension and refuses this name; tf-keras and Keras 2 read it as HDF5 (reported " +
      `here)${other}`];
    return info;
  }
  if (zipped) {
    const info = readKerasZip(source, env);
    info.name_mismatch = ["KD018", low === ".keras"
      ? `named ${ext}: Keras 3 reads a zip only under a lower-case .keras name and refuses ` +
        `this one; tf-keras and Keras 2 fail on it (not HDF5); rename it ${low}`
      : `named ${ext} but a .keras zip: Keras refuses it; rename it .keras`];
    return info;
  }
  return null;
}

function byName(source, hdf5, zipped) {
  const ext = extension(source.name);
  if ([".keras", ".h5", ".hdf5"].includes(ext.toLowerCase()) && ext !== ext.toLowerCase()) {
    return upperCase(source, ext, hdf5, zipped);
  }
  if (ext === ".keras") {
    if (zipped) {
      const info = readKerasZip(source, env);
      if (hdf5) {
        info.name_mismatch = ["KD019", "this .keras file is also an HDF5 file: Keras reads " +
          "the zip for a .keras name (reported here); renamed .h5, it would load the other model"];
      }
      return info;
    }
    if (hdf5) {
      const info = readH5(source, env);
      info.name_mismatch = ["KD018", "named .keras but an HDF5 file: Keras 3 opens a .keras " +
                            "name as a zip and refuses it; rename it .h5"];
      return info;
    }
    throw new DoctorError("named .keras but not a zip file (truncated or corrupt?)");
  }
  if (ext === ".h5" || ext === ".hdf5") {
    if (hdf5) {
      const info = readH5(source, env);
      if (zipped) {
        info.name_mismatch = ["KD019", `this ${ext} file is also a zip archive: Keras reads ` +
          `the HDF5 model for a ${ext} name (reported here); renamed .keras, it would load the ` +
          "other model"];
      }
      return info;
    }
    if (zipped) {
      const info = readKerasZip(source, env);
      info.name_mismatch = ["KD018", `named ${ext} but a .keras zip: Keras opens a ${ext} ` +
                            "name as HDF5 and fails; rename it .keras"];
      return info;
    }
  }
  return null;
}

let env;  // the page's HDF5 library (set by readAny for the readers above)

// The file's first bytes after any leading whitespace (JSON allows any amount).
function head(source) {
  for (let at = 0; at < Math.min(source.size, MAX_CONFIG_BYTES); at += SNIFF_BYTES) {
    const chunk = source.read(at, SNIFF_BYTES);
    let i = 0;
    while (i < chunk.length && WS.has(chunk[i])) i++;
    if (i < chunk.length) return chunk.subarray(i);
  }
  return new Uint8Array(0);
}

function readFile(source) {
  if (source.size === 0) throw new DoctorError("an empty file: not a model");
  const hdf5 = hdf5Offset(source) !== null;
  const zipped = isZip(source);
  const info = byName(source, hdf5, zipped);
  if (info !== null) return info;
  if (hdf5) return readH5(source, env);
  if (zipped) return readKerasZip(source, env);
  let h = head(source);
  if (source.name.toLowerCase().endsWith(".json") ||
      (h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf ? h[3] : h[0]) === 0x7b) {
    return readModelJson(source);
  }
  if (h[0] === 0x50 && h[1] === 0x4b) {
    throw new DoctorError("cannot open as a zip file (truncated or corrupt?)");
  }
  throw new DoctorError(notAModel(source));
}

// Why a file no reader reads is refused: what it is, when it is a kind often taken for a
// Keras model (spec/formats.json "others"), with the page that answers it.
function notAModel(source) {
  const first = String.fromCharCode(...source.read(0, Math.min(16, source.size)));
  const name = base(source);
  for (const other of T.OTHER_FILES) {
    if ("head" in other ? new RegExp(other.head).test(first) : new RegExp(other.name, "i").test(name)) {
      return `not a Keras model file: ${other.what}; see ${answerUrl(other.answer)}`;
    }
  }
  return "not a Keras model file: not HDF5, not a .keras zip, not JSON, not a SavedModel directory";
}

const base = (s) => s.name.slice(s.name.lastIndexOf("/") + 1);

// sources: [{name, path, size, read(offset, length)}]; path is the name within a dropped
// folder (webkitRelativePath) or the name alone. The report's path is what was given.
export function readAny(sources, environment) {
  env = environment;
  if (!sources.length) throw new DoctorError("no file");
  const pb = sources.find((s) => base(s) === "saved_model.pb");
  const meta = sources.find((s) => base(s) === "keras_metadata.pb");
  const folder = (s) => (s.path.includes("/") ? s.path.slice(0, s.path.lastIndexOf("/")) : s.path);
  const config = sources.length > 1 && sources.find((s) => base(s) === "config.json");
  if (config) {  // an unzipped .keras, picked as a folder (Keras 3.5+ loads it, first)
    const dir = (s) => s.path.slice(0, Math.max(s.path.lastIndexOf("/"), 0));  // "": picked files
    const beside = (name) => sources.find((s) => base(s) === name && dir(s) === dir(config));
    return { ...readKerasDir(config, beside("metadata.json"), beside("model.weights.h5"), env),
             path: folder(config) };
  }
  if (pb || meta) {
    return { ...readSavedModel(pb, meta), path: folder(pb || meta) };
  }
  const json = sources.length > 1 && sources.find((s) => base(s) === "model.json");
  if (sources.length > 1 && !json) {
    throw new DoctorError("more than one file, and neither a model.json nor a SavedModel's " +
                          "saved_model.pb or keras_metadata.pb among them: pick one model file");
  }
  const source = json || sources[0];
  return { ...(json ? readModelJson(source) : readFile(source)), path: base(source) };
}
