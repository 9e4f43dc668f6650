// readers/h5.py: HDF5 (.h5): a whole model (model_config attribute) or weights only, read
// with h5wasm (the HDF5 library compiled to WebAssembly) from the file, in place.
import { DoctorError } from "../errors.js";
import { MAX_CONFIG_BYTES, MAX_DATASET_BYTES, MAX_H5_OBJECTS } from "../tables.js";
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
const UNDEFINED = 2 ** 64 - 1;  // as a Number: every undefined address reads as this

class Unknown extends Error {}  // the root's attributes are stored in a way not followed here

function u64(bytes, at) {  // little-endian, as a Number (exact below 2**53)
  let v = 0;
  for (let i = 7; i >= 0; i--) v = v * 256 + bytes[at + i];
  return v;
}

function u(buf, at, n) {
  if (at < 0 || at + n > buf.length) throw new Unknown("truncated");
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + buf[at + i];
  return v;
}

// The root group's object header's address, from the superblock (versions 0-3).
function rootAddress(source, offset) {
  const sb = source.read(offset, 96);
  const version = u(sb, 8, 1);
  if (version === 0 || version === 1) {
    if (u(sb, 13, 1) !== 8 || u(sb, 14, 1) !== 8) throw new Unknown("offsets of another size");
    return u(sb, (version === 0 ? 24 : 28) + 5 * 8, 8);
  }
  if (version === 2 || version === 3) {
    if (u(sb, 9, 1) !== 8 || u(sb, 10, 1) !== 8) throw new Unknown("offsets of another size");
    return u(sb, 12 + 3 * 8, 8);
  }
  throw new Unknown(`superblock version ${version}`);
}

// Each message of the root group's object header, as [type, data]. Only these few hundred
// bytes of metadata are read.
function rootMessages(source, offset, base) {
  return objectMessages(source, base, rootAddress(source, offset));
}

// Each message of an object header, as [type, data]: a version 1 or 2 header is walked with
// its continuation blocks.
function objectMessages(source, base, root) {
  const blocks = [[root, null]];
  const seen = new Set();
  const out = [];
  let v2 = null;
  while (blocks.length) {
    const [at, length] = blocks.pop();
    if (seen.has(at) || seen.size > 1000) throw new Unknown("a cycle of header blocks");
    seen.add(at);
    let block, start, end;
    if (length === null) {  // the header itself
      let head = source.read(base + at, 16);
      if (head[0] === 0x4f && head[1] === 0x48 && head[2] === 0x44 && head[3] === 0x52) {  // OHDR
        const flags = u(head, 5, 1);
        const p = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
        const width = 1 << (flags & 3);
        head = source.read(base + at, p + width);
        const size = u(head, p, width);
        v2 = flags;
        start = p + width;
        block = source.read(base + at, p + width + size);
      } else if (head[0] === 1) {
        const size = u(head, 8, 4);
        v2 = null;
        start = 16;
        block = source.read(base + at, 16 + size);
      } else {
        throw new Unknown("not an object header");
      }
      end = block.length;
    } else {
      block = source.read(base + at, length);
      start = v2 !== null ? 4 : 0;
      if (v2 !== null && !(block[0] === 0x4f && block[1] === 0x43 && block[2] === 0x48 && block[3] === 0x4b)) {
        throw new Unknown("not a continuation block");
      }
      end = block.length - (v2 !== null ? 4 : 0);  // version 2: then a checksum
    }
    let p = start;
    while (p + (v2 !== null ? 4 : 8) <= end) {
      let kind, size;
      if (v2 !== null) {
        kind = u(block, p, 1);
        size = u(block, p + 1, 2);
        p += 4 + (v2 & 0x04 ? 2 : 0);
      } else {
        kind = u(block, p, 2);
        size = u(block, p + 2, 2);
        p += 8;
      }
      if (p + size > block.length) throw new Unknown("a message past its block");
      const data = block.subarray(p, p + size);
      p += size;
      if (kind === 0x10) blocks.push([u(data, 0, 8), u(data, 8, 8)]);  // continuation
      else out.push([kind, data]);
    }
  }
  return out;
}

// An attribute message: [name, datatype, dataspace, value bytes].
function attribute(data) {
  const version = u(data, 0, 1), flags = u(data, 1, 1);
  const n = u(data, 2, 2), t = u(data, 4, 2), s = u(data, 6, 2);
  if (flags & 0x3) throw new Unknown("a shared datatype or dataspace");
  const pad = version === 1 ? (x) => (x + 7) & ~7 : (x) => x;
  let p = version === 3 ? 9 : 8;
  let nameBytes = data.subarray(p, p + n);
  const nul = nameBytes.indexOf(0);
  if (nul >= 0) nameBytes = nameBytes.subarray(0, nul);
  const name = utf8.decode(nameBytes);
  p += pad(n);
  const dtype = data.subarray(p, p + t);
  p += pad(t);
  const space = data.subarray(p, p + s);
  return [name, dtype, space, data.subarray(p + pad(s))];
}

function elements(space) {
  const version = u(space, 0, 1), rank = u(space, 1, 1);
  if (version === 2 && u(space, 3, 1) === 2) return 0;  // a null dataspace
  const p = version === 1 ? 8 : 4;
  let count = 1;
  for (let i = 0; i < rank; i++) count *= u(space, p + 8 * i, 8);
  return count;
}

// For each of the named root attributes that is one variable-length string: its length and
// where the HDF5 library will look for it (a global heap collection and an index).
export function stringHeapIds(source, offset, names) {
  const sb = source.read(offset, 96);
  const version = sb.length > 8 ? sb[8] : -1;
  const base = [0, 1].includes(version) ? u(sb, 24, 8) : [2, 3].includes(version) ? u(sb, 12, 8) : 0;
  const out = {};
  for (const [kind, data] of rootMessages(source, offset, base)) {
    if (kind === 0x15 && u(data, 2 + (u(data, 1, 1) & 1 ? 2 : 0), 8) !== UNDEFINED) {
      throw new Unknown("dense attribute storage");
    }
    if (kind !== 0x0c) continue;
    const [name, dtype, space, value] = attribute(data);
    if (names.includes(name) && (u(dtype, 0, 1) & 0x0f) === 9 && elements(space) === 1) {
      out[name] = [u(value, 0, 4), base + u(value, 4, 8)];
    }
  }
  return out;
}

// Refuse a file whose global heap the HDF5 library would walk forever (an object of no
// size, or past its collection). Only the collections the attributes read next point at
// are walked, found from the root's object header; returns each string's declared length.
// A layout this does not follow (not one Keras writes) has every collection of the file
// found by its signature instead.
export function checkGlobalHeaps(source, offset = 0,
                                 names = ["keras_version", "backend", "model_config",
                                          "training_config"]) {
  let ids = {}, heaps;
  try {
    ids = stringHeapIds(source, offset, names);
    heaps = [...new Set(Object.values(ids).map(([, at]) => at))];
  } catch (e) {
    if (!(e instanceof Unknown)) throw e;
    heaps = scanForHeaps(source);
  }
  heaps.sort((a, b) => a - b);
  for (const at of heaps) {
    if (at + 16 > source.size) continue;  // past the end: the HDF5 library says so itself
    if (!startsWith(source.read(at, 8), GCOL)) continue;  // not a collection: the same
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
  return Object.fromEntries(Object.entries(ids).map(([name, [length]]) => [name, length]));
}

// Every offset of the file that holds a collection's signature, read a chunk at a time.
function scanForHeaps(source) {
  const found = [];
  for (let offset = 0; offset < source.size; offset += CHUNK) {
    const buf = source.read(offset, Math.min(CHUNK + GCOL.length - 1, source.size - offset));
    let at = buf.indexOf(GCOL[0]);
    while (at >= 0 && at < CHUNK) {
      if (startsWith(buf, GCOL, at)) found.push(offset + at);
      at = buf.indexOf(GCOL[0], at + 1);
    }
  }
  return found;
}

const utf8 = new TextDecoder("utf-8");  // errors replaced, as Python's "replace"

// One root attribute as a string, read only if it is one string of at most limit bytes
// (a variable-length one measured by the length the file declares, before it is read).
// Not a string: refused when strict (Keras cannot read such a model_config), else null
// (Keras reads keras_version and backend of any type).
function attrText(h5, f, name, limit, declared, strict = true) {
  const { Module } = h5;
  if (!Module.get_attribute_names(f.file_id, "/").includes(name)) return null;
  const meta = Module.get_attribute_metadata(f.file_id, "/", name);
  const shape = JSON.stringify(meta.shape);
  if ((shape !== "[]" && shape !== "[1]") || meta.type !== Module.H5T_class_t.H5T_STRING.value) {
    if (!strict) return null;
    throw new DoctorError(`the ${name} attribute is not a string: not a Keras model file`);
  }
  if ((declared[name] || 0) > limit) throw tooLarge(name, declared[name], limit);
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

// What an HDF5 file holds that makes h5py read outside it or allocate past it (readers/h5.py's
// hdf5_features): external links, virtual datasets, datasets declaring more than
// MAX_DATASET_BYTES. Each link is asked what it is before it is followed, so an external link
// is never opened. Datasets stored in outside files, which h5wasm does not tell, are found by
// outsideStorage (below) and given here as a map.
function hdf5Features(h5, f, outside = new Map()) {
  const M = h5.Module;
  const out = [];
  const stack = [""];
  let count = 0;
  while (stack.length) {
    const where = stack.pop();
    let names;
    try {
      names = M.get_names(f.file_id, where || "/", false);
    } catch {
      continue;  // a corrupt group: h5py fails too
    }
    for (const name of names) {
      count += 1;
      if (count > MAX_H5_OBJECTS) return out;
      const at = `${where}/${name}`;
      try {
        const ext = M.get_external_link(f.file_id, at);
        if (ext && ext.filename !== undefined) {
          out.push({ feature: "external-link", path: at, found: "an HDF5 external link",
                     value: `${ext.filename}:${ext.obj_path}` });
          continue;
        }
        if (M.get_symbolic_link(f.file_id, at) !== null) continue;
        const type = M.get_type(f.file_id, at);
        if (type === M.H5G_GROUP) stack.push(at);
        else if (type === M.H5G_DATASET) out.push(...datasetFeatures(M, f, at, outside));
      } catch {
        continue;  // what h5py cannot open, Keras cannot read either
      }
    }
  }
  return out;
}

// Datasets stored in outside files (HDF5's External Data Files message, 0x0007), which h5wasm
// does not tell: path -> the first outside file's name, found by walking the file's metadata
// here, as HDF5 lays it out: groups as symbol tables (a v1 B-tree of symbol nodes, names in
// a local heap: what h5py writes by default) or as link messages in the group's header.
// Bounded: MAX_H5_OBJECTS objects, each header, node and name read once and cut short; a
// layout not followed here (dense link storage in a fractal heap) is not walked.
const ascii = new TextDecoder("utf-8");

function heapName(source, base, heap, at) {  // a NUL-terminated name in a local heap
  const h = source.read(base + heap, 32);
  if (h.length < 32 || ascii.decode(h.subarray(0, 4)) !== "HEAP") throw new Unknown("not a local heap");
  const bytes = source.read(base + u(h, 24, 8) + at, 1024);
  const end = bytes.indexOf(0);
  return ascii.decode(end >= 0 ? bytes.subarray(0, end) : bytes);
}

export function outsideStorage(source, offset = 0) {
  const out = new Map();
  let base, root;
  try {
    const sb = source.read(offset, 96);
    base = [0, 1].includes(sb[8]) ? u(sb, 24, 8) : u(sb, 12, 8);
    root = rootAddress(source, offset);
  } catch {
    return out;
  }
  const seen = new Set();
  const stack = [["", root]];
  const budget = { left: MAX_H5_OBJECTS };  // objects and B-tree nodes, all told
  while (stack.length) {
    const [where, addr] = stack.pop();
    if (seen.has(addr)) continue;
    seen.add(addr);
    let messages;
    try {
      messages = objectMessages(source, base, addr);
    } catch {
      continue;  // a header not followed here (or corrupt): HDF5 says what is wrong with it
    }
    const children = [];
    for (const [kind, data] of messages) {
      try {
        if (kind === 0x07 && u(data, 6, 2) > 0) {  // External Data Files: heap, then slots
          out.set(where || "/", heapName(source, base, u(data, 8, 8), u(data, 16, 8)));
        } else if (kind === 0x11) {  // Symbol Table: a v1 B-tree of symbol nodes, a local heap
          symbolTable(source, base, u(data, 0, 8), u(data, 8, 8), children, seen, budget);
        } else if (kind === 0x06) {  // Link: a hard link's name and address
          const flags = u(data, 1, 1);
          let p = 2;
          const type = flags & 0x08 ? u(data, p++, 1) : 0;
          if (flags & 0x04) p += 8;
          if (flags & 0x10) p += 1;
          const width = 1 << (flags & 3);
          const n = u(data, p, width);
          p += width;
          const name = ascii.decode(data.subarray(p, p + n));
          if (type === 0 && budget.left-- > 0) children.push([name, u(data, p + n, 8)]);
        }
      } catch {
        continue;  // a message not followed here
      }
    }
    for (const [name, at] of children.reverse()) stack.push([`${where}/${name}`, at]);
  }
  return out;
}

function symbolTable(source, base, tree, heap, children, seen, budget) {
  const nodes = [tree];
  while (nodes.length && budget.left-- > 0) {
    const at = nodes.pop();
    if (seen.has(`t${at}`)) continue;
    seen.add(`t${at}`);
    const head = source.read(base + at, 24);
    if (head.length < 24) continue;
    const sig = ascii.decode(head.subarray(0, 4));
    if (sig === "TREE") {
      const used = u(head, 6, 2);
      const body = source.read(base + at + 24, used * 16 + 8);  // key, child, ..., key
      const kids = [];
      for (let i = 0; i < used && 8 + 16 * i + 8 <= body.length; i++) kids.push(u(body, 8 + 16 * i, 8));
      nodes.push(...kids.reverse());  // a node's children, in order (a leaf's: symbol nodes)
    } else if (sig === "SNOD") {
      const n = u(head, 6, 2);
      const body = source.read(base + at + 8, n * 40);
      for (let i = 0; i < n && 40 * i + 16 <= body.length && budget.left-- > 0; i++) {
        children.push([heapName(source, base, heap, u(body, 40 * i, 8)), u(body, 40 * i + 8, 8)]);
      }
    }
  }
}

// hdf5Features of an HDF5 file inside another one (a source: a picked file, a slice of a
// zip, or bytes), each at "NAME:/its/path". One the HDF5 library cannot open, Keras cannot
// read either: nothing is reported for it.
export function walkHdf5(source, name, env) {
  let f;
  try {
    f = env.openH5(source);
  } catch {
    return [];
  }
  try {
    return hdf5Features(env.h5, f, outsideStorage(source)).map((feat) => ({ ...feat, path: `${name}:${feat.path}` }));
  } finally {
    try { f.close(); } catch { /* closing a corrupt file */ }
  }
}

function datasetFeatures(M, f, at, outside) {
  const out = [];
  const meta = M.get_dataset_metadata(f.file_id, at);
  if (meta.virtual_sources) {
    const files = [...new Set(meta.virtual_sources.map((v) => v.file_name))].sort();
    out.push({ feature: "virtual-dataset", path: at, found: "an HDF5 virtual dataset",
               value: files.join(", ") });
  }
  if (outside.has(at)) {
    out.push({ feature: "external-storage", path: at,
               found: "an HDF5 dataset stored in an outside file", value: outside.get(at) });
  }
  let declared = BigInt(meta.size);
  for (const n of meta.shape || []) declared *= BigInt(n);
  if (declared > BigInt(MAX_DATASET_BYTES)) {
    const shape = meta.shape.length === 1 ? `(${meta.shape[0]},)` : `(${meta.shape.join(", ")})`;
    out.push({ feature: "declared-size", path: at,
               found: "an HDF5 dataset declaring more than it can hold",
               value: `shape ${shape}, ${declared.toLocaleString("en-US")} bytes` });
  }
  return out;
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
    const declared = checkGlobalHeaps(source, hdf5Offset(source) || 0);  // before any string is read
    const h5 = env.h5;
    let info;
    try {
      info = { keras_version: attrText(h5, f, "keras_version", 256, declared, false),
               backend: attrText(h5, f, "backend", 256, declared, false) };
      info.hdf5 = hdf5Features(h5, f, outsideStorage(source, hdf5Offset(source) || 0));
      const config = attrText(h5, f, "model_config", MAX_CONFIG_BYTES, declared);
      if (config !== null) {
        info.format = "h5";
        info.config = loadJson(config, "model_config");
        // compile=True deserializes it too (losses, metrics)
        const training = attrText(h5, f, "training_config", MAX_CONFIG_BYTES, declared);
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
