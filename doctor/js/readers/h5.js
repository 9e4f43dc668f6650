// readers/h5.py: HDF5 (.h5): a whole model (model_config attribute) or weights only, read
// with h5wasm (the HDF5 library compiled to WebAssembly) from the file, in place.
import { DoctorError } from "../errors.js";
import { MAX_CONFIG_BYTES } from "../tables.js";
import { loadJson, tooLarge } from "./common.js";

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes, sig, at = 0) {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

// Where the HDF5 superblock starts: 0, or after a user block (512, 1024, 2048... bytes).
export function hdf5Offset(source) {
  let offset = 0;
  while (offset + 8 <= source.size) {
    if (startsWith(source.read(offset, 8), HDF5_SIGNATURE)) return offset;
    offset = offset === 0 ? 512 : offset * 2;
  }
  return null;
}

const GCOL = [0x47, 0x43, 0x4f, 0x4c, 0x01, 0x00, 0x00, 0x00];  // a global heap collection
const CHUNK = 1 << 23;

function u64(bytes, at) {  // little-endian, as a Number (exact below 2**53)
  let v = 0;
  for (let i = 7; i >= 0; i--) v = v * 256 + bytes[at + i];
  return v;
}

// Refuse a file whose global heap the HDF5 library would walk forever (an object of no
// size, or past its collection). Each collection is found by its signature and walked as
// the library walks it; the file is read a chunk at a time.
export function checkGlobalHeaps(source) {
  const found = [];
  for (let offset = 0; offset < source.size; offset += CHUNK) {
    const buf = source.read(offset, Math.min(CHUNK + GCOL.length - 1, source.size - offset));
    let at = buf.indexOf(GCOL[0]);
    while (at >= 0 && at < CHUNK) {
      if (startsWith(buf, GCOL, at)) found.push(offset + at);
      at = buf.indexOf(GCOL[0], at + 1);
    }
  }
  for (const at of found) {
    const size = u64(source.read(at + 8, 8), 0);
    if (size < 16 || at + size > source.size) {
      throw new DoctorError("a corrupt HDF5 global heap (a collection past the end of the " +
                            "file): truncated or corrupt");
    }
    if (size > 4 * MAX_CONFIG_BYTES) {
      throw tooLarge("an HDF5 global heap collection", size, 4 * MAX_CONFIG_BYTES);
    }
    const buf = source.read(at, size);
    let p = 16;
    while (p + 16 <= size) {  // less than an object header left: free space
      const index = buf[p] | (buf[p + 1] << 8);
      const length = u64(buf, p + 8);
      const need = index ? 16 + Math.ceil(length / 8) * 8 : length;
      if (need <= 0 || p + need > size) {
        throw new DoctorError("a corrupt HDF5 global heap (an object of no size or past its " +
                              "collection): truncated or corrupt");
      }
      p += need;
    }
  }
}

const utf8 = new TextDecoder("utf-8");  // errors replaced, as Python's "replace"

// One root attribute as a string, read only if it is one string of at most limit bytes.
function attrText(h5, f, name, limit) {
  const { Module } = h5;
  if (!Module.get_attribute_names(f.file_id, "/").includes(name)) return null;
  const meta = Module.get_attribute_metadata(f.file_id, "/", name);
  const shape = JSON.stringify(meta.shape);
  if ((shape !== "[]" && shape !== "[1]") || meta.type !== Module.H5T_class_t.H5T_STRING.value) {
    throw new DoctorError(`the ${name} attribute is not a string: not a Keras model file`);
  }
  if (!meta.vlen) {
    if (meta.size > limit) throw tooLarge(name, meta.size, limit);
    const ptr = Module._malloc(meta.size);
    try {
      if (Module.get_attribute_data(f.file_id, "/", name, BigInt(ptr)) < 0) {
        throw new DoctorError(`the ${name} attribute cannot be read (corrupt)`);
      }
      let bytes = Module.HEAPU8.slice(ptr, ptr + meta.size);
      let end = bytes.length;
      while (end > 0 && bytes[end - 1] === 0) end--;  // numpy strips trailing NULs
      bytes = bytes.subarray(0, end);
      return utf8.decode(bytes);
    } finally {
      Module._free(ptr);
    }
  }
  // a variable-length string: libhdf5 allocates the length its descriptor declares and
  // copies the heap object into it; a corrupt descriptor fails the read (status < 0), which
  // h5wasm's Attribute would not check: read here, checked, as a pointer to the string
  const bytes = meta.size * meta.total_size;
  const ptr = Module._malloc(bytes);
  let value;
  try {
    Module.HEAPU8.fill(0, ptr, ptr + bytes);
    const status = Module.get_attribute_data(f.file_id, "/", name, BigInt(ptr));
    const strings = new Uint32Array(Module.HEAPU8.slice(ptr, ptr + bytes).buffer);
    if (status < 0 || !strings[0]) {
      throw new DoctorError(`the ${name} attribute cannot be read (a corrupt variable-length string)`);
    }
    value = (meta.cset === 1 ? Module.UTF8ToString : Module.AsciiToString)(strings[0]);
  } finally {
    try { Module.reclaim_vlen_memory(f.file_id, "/", name, BigInt(ptr)); } catch { /* not allocated */ }
    Module._free(ptr);
  }
  if (value.length > limit) throw tooLarge(name, value.length, limit);
  return value;
}

const firstLine = (e) => (String((e && e.message) || e).split("\n")[0]);

export function readH5(source, env) {
  let f;
  try {
    f = env.openH5(source);
  } catch (e) {
    throw new DoctorError(`cannot open as HDF5 (truncated or corrupt?): ${firstLine(e)}`);
  }
  try {
    checkGlobalHeaps(source);  // before any string attribute is read
    const h5 = env.h5;
    let info;
    try {
      info = { keras_version: attrText(h5, f, "keras_version", 256),
               backend: attrText(h5, f, "backend", 256) };
      const config = attrText(h5, f, "model_config", MAX_CONFIG_BYTES);
      if (config !== null) {
        info.format = "h5";
        info.config = loadJson(config, "model_config");
        // compile=True deserializes it too (losses, metrics)
        const training = attrText(h5, f, "training_config", MAX_CONFIG_BYTES);
        if (training !== null) info.training_config = loadJson(training, "training_config");
        return info;
      }
      const keys = f.keys();
      if (h5.Module.get_attribute_names(f.file_id, "/").includes("layer_names") ||
          ["layers", "model_weights", "vars"].some((k) => keys.includes(k))) {
        info.format = "h5-weights";
        info.config = null;
        return info;
      }
    } catch (e) {
      if (e instanceof DoctorError) throw e;
      throw new DoctorError(`cannot read the HDF5 attributes (corrupt?): ${firstLine(e)}`);
    }
  } finally {
    try { f.close(); } catch { /* closing a corrupt file */ }
  }
  throw new DoctorError("an HDF5 file with no Keras model config and no Keras weights: " +
                        "not a Keras model file");
}
