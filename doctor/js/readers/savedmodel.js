// readers/savedmodel.py: a TensorFlow SavedModel: saved_model.pb and Keras 2's
// keras_metadata.pb, read from the protocol-buffer wire format, within bounds (size,
// fields read). The .pb is read where the fields are, not whole (a graph can be large).
import { DoctorError } from "../errors.js";
import { MAX_CONFIG_BYTES, MAX_PB_BYTES, MAX_PB_FIELDS } from "../tables.js";
import { checkSize, isDict, loadJson, text } from "./common.js";

class Bad extends Error {}

// How many fields may still be read.
class Budget {
  constructor(n = MAX_PB_FIELDS) { this.left = n; }
  spend() {
    if (--this.left < 0) throw new Bad(`more than ${MAX_PB_FIELDS} fields`);
  }
}

// A source's bytes by index, read 64 KiB at a time as they are asked for.
export class Bytes {
  constructor(source) {
    this.source = source;
    this.length = source.size;
    this.block = -1;
    this.data = null;
  }
  at(i) {
    const b = Math.floor(i / 65536);
    if (b !== this.block) {
      this.data = this.source.read(b * 65536, 65536);
      this.block = b;
    }
    return this.data[i - b * 65536];
  }
  slice(a, b) { return this.source.read(a, b - a); }
}

// [field number, wire type, value] of a message; length-delimited values are [start, end]
// offsets into buf, so nothing large is copied.
function* pbFields(buf, start = 0, end = null, budget = null) {
  let pos = start;
  end = end === null ? buf.length : end;
  budget = budget || new Budget();
  const varint = () => {
    let shift = 0, result = 0;
    for (;;) {
      if (pos >= end || shift > 63) throw new Bad("bad varint");
      const b = buf.at(pos++);
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  };
  while (pos < end) {
    budget.spend();
    const key = varint();
    const field = Math.floor(key / 8), wire = key % 8;
    if (field === 0) throw new Bad("field number 0");
    if (wire === 0) yield [field, wire, varint()];
    else if (wire === 1) { pos += 8; yield [field, wire, null]; }
    else if (wire === 2) {
      const n = varint();
      if (pos + n > end) throw new Bad("truncated");
      yield [field, wire, [pos, pos + n]];
      pos += n;
    } else if (wire === 5) { pos += 4; yield [field, wire, null]; }
    else throw new Bad("bad wire type");
  }
  if (pos !== end) throw new Bad("truncated");
}

const utf8 = new TextDecoder("utf-8");

function string(buf, span, limit = 256) {
  if (span[1] - span[0] > limit) return null;
  return utf8.decode(buf.slice(span[0], span[1]));
}

// files: saved_model.pb and keras_metadata.pb, either may be missing (the page takes a
// SavedModel's keras_metadata.pb alone: then signatures and TensorFlow version are unknown)
export function readSavedModel(pb, meta) {
  const info = { format: "savedmodel", config: null, keras_version: null, backend: null,
                 tensorflow_version: null, signatures: [] };
  const budget = new Budget();
  if (pb) {
    checkSize(pb, "saved_model.pb", MAX_PB_BYTES);
    if (pb.size === 0) throw new DoctorError("an empty saved_model.pb: not a SavedModel");
    const buf = new Bytes(pb);
    let graphs = 0;
    try {
      for (const [field, wire, val] of pbFields(buf, 0, null, budget)) {
        if (field !== 2 || wire !== 2) continue;  // meta_graphs
        graphs += 1;
        for (const [f2, w2, v2] of pbFields(buf, val[0], val[1], budget)) {
          if (f2 === 1 && w2 === 2) {  // meta_info_def
            for (const [f3, w3, v3] of pbFields(buf, v2[0], v2[1], budget)) {
              if (f3 === 5 && w3 === 2) info.tensorflow_version = string(buf, v3);
            }
          } else if (f2 === 5 && w2 === 2) {  // signature_def map entry: key = 1
            for (const [f3, w3, v3] of pbFields(buf, v2[0], v2[1], budget)) {
              if (f3 === 1 && w3 === 2 && string(buf, v3) !== null) info.signatures.push(string(buf, v3));
            }
          }
        }
        break;  // the first meta graph
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      throw new DoctorError(`cannot read saved_model.pb (truncated or corrupt?): ${e.message}`);
    }
    if (!graphs) throw new DoctorError("saved_model.pb holds no meta graph: not a SavedModel");
    info.signatures = info.signatures.filter((n) => !n.startsWith("__")).sort();
  }
  if (meta) {
    checkSize(meta, "keras_metadata.pb", 2 * MAX_CONFIG_BYTES);
    const buf = new Bytes(meta);
    try {
      for (const [field, wire, val] of pbFields(buf, 0, null, budget)) {
        if (field !== 1 || wire !== 2) continue;  // nodes
        const node = {};
        for (const [f2, w2, v] of pbFields(buf, val[0], val[1], budget)) if (w2 === 2) node[f2] = v;
        if (node[3] && string(buf, node[3], 4) === "root") {
          const span = node[5];
          const root = loadJson(span ? buf.slice(span[0], span[1]) : "{}", "keras_metadata.pb");
          if (isDict(root)) {
            info.config = { class_name: Object.hasOwn(root, "class_name") ? root.class_name : null,
                            config: Object.hasOwn(root, "config") ? root.config : null };
            info.keras_version = text(root.keras_version ?? null);
            info.backend = text(root.backend ?? null);
          }
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      throw new DoctorError(`cannot read keras_metadata.pb (truncated or corrupt?): ${e.message}`);
    }
    info.keras_metadata = true;
  } else {
    info.keras_metadata = false;
  }
  return info;
}
