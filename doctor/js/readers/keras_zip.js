// readers/keras_zip.py: the Keras 3 zip format (.keras): config.json and metadata.json, and
// what model.weights.h5 holds that an advisory names.
// The zip is read as Python's zipfile reads it (the end record, the central directory, a
// member's local header; data before the archive allowed), one member at a time, from
// the file in place; deflated members are inflated by fflate, a chunk at a time.
import { Inflate } from "../vendor/fflate/browser.js";
import { DoctorError } from "../errors.js";
import { MAX_CONFIG_BYTES, MAX_ZIP_ENTRIES } from "../tables.js";
import { checkSize, loadJson, tooLarge } from "./common.js";
import { walkHdf5 } from "./h5.js";

const WEIGHTS = "model.weights.h5";  // the weights Keras 3 reads from a .keras, with h5py

const END = 0x06054b50, END64_LOCATOR = 0x07064b50, END64 = 0x06064b50;
const CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
const view = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);

class BadZip extends Error {}

// zipfile._EndRecData: the end-of-central-directory record (with a comment after it, or
// not), and the ZIP64 one when its locator precedes it. null when there is none.
function endRecord(source) {
  if (source.size < 22) return null;
  const start = Math.max(source.size - (1 << 16) - 22, 0);
  const data = source.read(start, source.size - start);
  for (let at = data.length - 22; at >= 0; at--) {
    if (data[at] !== 0x50 || view(data).getUint32(at, true) !== END) continue;
    const v = view(data);
    const rec = { entries: v.getUint16(at + 10, true), size: v.getUint32(at + 12, true),
                  offset: v.getUint32(at + 16, true), location: start + at, zip64: false };
    const loc = start + at - 20;
    if (loc >= 0) {
      const l = source.read(loc, 20);
      if (view(l).getUint32(0, true) === END64_LOCATOR) {
        const at64 = Number(view(l).getBigUint64(8, true));
        const e = source.read(Math.min(at64, source.size), 56);
        if (e.length < 56 || view(e).getUint32(0, true) !== END64) {
          throw new BadZip("corrupt ZIP64 end of central directory");
        }
        const ve = view(e);
        Object.assign(rec, { entries: Number(ve.getBigUint64(32, true)),
                             size: Number(ve.getBigUint64(40, true)),
                             offset: Number(ve.getBigUint64(48, true)), zip64: true });
      }
    }
    return rec;
  }
  return null;
}

// As Keras asks (zipfile.is_zipfile): an end-of-central-directory record at the end.
export function isZip(source) {
  try {
    return endRecord(source) !== null;
  } catch {
    return false;
  }
}

const utf8 = new TextDecoder("utf-8");
const CP437 = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";
const cp437 = (b) => Array.from(b, (c) => (c < 128 ? String.fromCharCode(c) : CP437[c - 128])).join("");

// zipfile.ZipFile._RealGetContents: every entry of the central directory.
function directory(source, rec) {
  let concat = rec.location - rec.size - rec.offset;
  if (rec.zip64) concat -= 56 + 20;
  if (concat < 0) throw new BadZip("Bad offset for central directory");
  const cd = source.read(rec.offset + concat, rec.size);
  if (cd.length < rec.size) throw new BadZip("Truncated central directory");
  const v = view(cd);
  const out = new Map();
  let p = 0;
  while (p < cd.length) {
    if (out.size >= MAX_ZIP_ENTRIES) {  // counted here: the end record's count may understate it
      throw new DoctorError(`a zip file with more than ${MAX_ZIP_ENTRIES} entries: not a .keras ` +
                            "model file");
    }
    if (p + 46 > cd.length || v.getUint32(p, true) !== CENTRAL) {
      throw new BadZip("Bad magic number for central directory");
    }
    const flags = v.getUint16(p + 8, true), method = v.getUint16(p + 10, true);
    const n = v.getUint16(p + 28, true), m = v.getUint16(p + 30, true), k = v.getUint16(p + 32, true);
    const raw = cd.subarray(p + 46, p + 46 + n);
    const name = flags & 0x800 ? utf8.decode(raw) : cp437(raw);
    const entry = { name, flags, method, crc: v.getUint32(p + 16, true),
                    compressed: v.getUint32(p + 20, true), size: v.getUint32(p + 24, true),
                    offset: v.getUint32(p + 42, true) };
    let e = p + 46 + n;  // ZIP64 extra field: the sizes and offset that did not fit
    while (e + 4 <= p + 46 + n + m && e + 4 <= cd.length) {
      const id = v.getUint16(e, true), len = v.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        for (const key of ["size", "compressed", "offset"]) {
          if (entry[key] === 0xffffffff && q + 8 <= e + 4 + len) {
            entry[key] = Number(v.getBigUint64(q, true));
            q += 8;
          }
        }
      }
      e += 4 + len;
    }
    entry.offset += concat;
    out.set(name, entry);
    p += 46 + n + m + k;
  }
  return out;
}

let CRC_TABLE;
function crc32(crc, data) {
  if (!CRC_TABLE) {
    CRC_TABLE = new Int32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let j = 0; j < 8; j++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[i] = c;
    }
  }
  crc = ~crc;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

// A member's bytes, decompressed a chunk at a time, never past the size the directory
// declares (checked against the limit first: a refusal gives the true size). The page reads
// stored and deflated members (what Keras writes); bz2 and LZMA, which zipfile also reads,
// are left to the command.
// Where a member's data starts, after its local header, checked as zipfile checks it.
function dataStart(source, entry) {
  const { name } = entry;
  const head = source.read(entry.offset, 30);
  if (head.length < 30 || view(head).getUint32(0, true) !== LOCAL) {
    throw new BadZip("Bad magic number for file header");
  }
  const n = view(head).getUint16(26, true), m = view(head).getUint16(28, true);
  const local = source.read(entry.offset + 30, n);
  const localName = entry.flags & 0x800 ? utf8.decode(local) : cp437(local);
  if (localName !== name) throw new BadZip(`File name in directory '${name}' and header '${localName}' differ.`);
  if (entry.flags & 0x1) throw new BadZip("File is encrypted, password required");
  return entry.offset + 30 + n + m;
}

function member(source, entry) {
  const { name } = entry;
  if (entry.size > MAX_CONFIG_BYTES) throw tooLarge(name, entry.size);
  try {
    const start = dataStart(source, entry);
    const chunks = [];
    let size = 0;
    const keep = (chunk) => {
      size += chunk.length;
      if (size > entry.size) throw new BadZip("the member's size is not the declared one");
      chunks.push(chunk);
    };
    if (entry.method === 0) {
      if (entry.compressed > entry.size) throw new BadZip("the member's size is not the declared one");
      const data = source.read(start, entry.compressed);
      if (data.length < entry.compressed) throw new BadZip("truncated");
      keep(data);
    } else if (entry.method === 8) {
      let ended = false;
      const inflate = new Inflate((chunk, final) => { keep(chunk); ended = ended || final; });
      const STEP = 1 << 14;  // 16 KiB of deflated data inflate to at most 16 MiB
      for (let at = 0; at < entry.compressed && !ended; at += STEP) {
        const len = Math.min(STEP, entry.compressed - at);
        const data = source.read(start + at, len);
        if (data.length < len) throw new BadZip("truncated");
        inflate.push(data, at + len >= entry.compressed);
      }
    } else if (entry.method === 12 || entry.method === 14) {
      throw new BadZip(`${entry.method === 12 ? "bz2" : "LZMA"}-compressed: Keras reads it, the ` +
                       "page does not (run keras-doctor on it)");
    } else {
      throw new BadZip("That compression method is not supported");
    }
    const out = new Uint8Array(size);
    let p = 0;
    for (const c of chunks) { out.set(c, p); p += c.length; }
    if (size !== entry.size) throw new BadZip("the member's size is not the declared one");
    if (crc32(0, out) !== entry.crc) throw new BadZip(`Bad CRC-32 for file '${name}'`);
    return out;
  } catch (e) {
    if (e instanceof DoctorError) throw e;
    throw new DoctorError(`cannot read ${name} from the zip (truncated or corrupt?): ` +
                          `${String(e.message || e).split("\n")[0]}`);
  }
}

export function readKerasZip(source, env) {
  let rec, names;
  try {
    rec = endRecord(source);
    if (!rec) throw new BadZip("File is not a zip file");
    if (rec.entries > MAX_ZIP_ENTRIES) {
      throw new DoctorError(`a zip file with more than ${MAX_ZIP_ENTRIES} entries: not a .keras ` +
                            "model file");
    }
    names = directory(source, rec);
  } catch (e) {
    if (e instanceof DoctorError) throw e;
    throw new DoctorError(`cannot open as a zip file (truncated or corrupt?): ${e.message}`);
  }
  const info = fromMembers(names.has("config.json") && (() => member(source, names.get("config.json"))),
                          names.has("metadata.json") && (() => member(source, names.get("metadata.json"))));
  return { ...info, hdf5: names.has(WEIGHTS) ? weights(source, names.get(WEIGHTS), env) : [] };
}

// What model.weights.h5, which Keras 3 opens from the zip with h5py, holds that an advisory
// names (the walk of an .h5 file's metadata), each at "model.weights.h5:/its/path". A stored
// member (what Keras writes) is read in place, as a slice of the file; a deflated one is
// inflated in memory, within MAX_CONFIG_BYTES (refused with its true size past it).
function weights(source, entry, env) {
  let inner;
  if (entry.method === 0) {
    let start;
    try {
      start = dataStart(source, entry);
    } catch (e) {
      throw new DoctorError(`cannot read ${WEIGHTS} from the zip (truncated or corrupt?): ` +
                            `${String(e.message || e).split("\n")[0]}`);
    }
    const size = Math.max(0, Math.min(entry.size, entry.compressed, source.size - start));
    inner = { name: WEIGHTS, size, parent: source, start,
              read: (offset, length) => source.read(start + offset,
                                                    Math.max(0, Math.min(length, size - offset))) };
  } else {
    if (entry.size > MAX_CONFIG_BYTES) {
      throw tooLarge(`${WEIGHTS}, compressed in the zip (walked in memory; Keras writes it ` +
                     "stored)", entry.size);
    }
    const bytes = member(source, entry);
    inner = { name: WEIGHTS, size: bytes.length, bytes,
              read: (offset, length) => bytes.slice(offset, offset + length) };
  }
  return walkHdf5(inner, WEIGHTS, env);
}

// An unzipped .keras (a folder with config.json, metadata.json, model.weights.h5), which
// Keras 3.5 and later load as they load the zip: the three files picked with the folder.
export function readKerasDir(config, metadata, weightsFile, env) {
  checkSize(config, "config.json");
  if (metadata) checkSize(metadata, "metadata.json");
  return { ...fromMembers(() => config.read(0, config.size),
                          metadata && (() => metadata.read(0, metadata.size))), unzipped: true,
           hdf5: weightsFile ? walkHdf5(weightsFile, WEIGHTS, env) : [] };
}

// config.json read and parsed, then metadata.json (each given as a function that reads it)
function fromMembers(readConfig, readMeta) {
  if (!readConfig) {
    throw new DoctorError("a zip file without config.json: not a .keras model file");
  }
  const config = loadJson(readConfig(), "config.json");
  let meta = readMeta ? loadJson(readMeta(), "metadata.json") : {};
  meta = meta !== null && typeof meta === "object" && !Array.isArray(meta) ? meta : {};
  return { format: "keras", config, keras_version: Object.hasOwn(meta, "keras_version") ? meta.keras_version : null,
           backend: null };
}
