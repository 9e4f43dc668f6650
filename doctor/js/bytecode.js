// bytecode.py: a Lambda's bytecode (base64 of marshal.dumps(code)), read as data: never
// unmarshalled, never run. Which Python wrote it, the function's name and file, the globals.
import { MAX_BYTECODE, MAX_DEPTH, T } from "./tables.js";

// A marshalled code object's fields (data only: nothing is ever executed).
class Code {}

const isBytes = (v) => v instanceof Uint8Array;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");
const FLOAT_TEXT = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)\s*$/i;

class Bad extends Error {}  // ValueError and the like: this layout does not read it

// Reads the marshal format as plain data. Code objects become Code objects of their fields.
class MarshalReader {
  constructor(data, layout) {
    this.data = data;
    this.pos = 0;
    this.refs = [];
    this.layout = layout;
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  take(n) {
    if (n < 0 || this.pos + n > this.data.length) throw new Bad("truncated");
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  i32() {
    this.take(4);
    return this.view.getInt32(this.pos - 4, true);
  }

  obj(depth = 0) {
    if (depth > MAX_DEPTH) throw new Bad("too deep");
    const code = this.take(1)[0];
    const t = String.fromCharCode(code & 0x7f);
    const ref = code & 0x80;
    let slot;
    if (ref) {
      slot = this.refs.length;
      this.refs.push(null);
    }
    let v;
    if ("N0".includes(t)) v = null;
    else if ("TF.S".includes(t)) v = { T: true, F: false, ".": "...", S: "StopIteration" }[t];
    else if (t === "i") v = this.i32();
    else if (t === "l") {  // a long: only skipped, never built
      const n = Math.abs(this.i32());
      this.take(2 * n);
      v = null;
    } else if (t === "g") {
      this.take(8);
      v = this.view.getFloat64(this.pos - 8, true);
    } else if (t === "y") {
      this.take(16);
      v = [this.view.getFloat64(this.pos - 16, true), this.view.getFloat64(this.pos - 8, true)];
    } else if (t === "f" || t === "x") {  // text floats (old marshal versions)
      v = [];
      for (let i = 0; i < (t === "x" ? 2 : 1); i++) {
        const text = latin1.decode(this.take(this.take(1)[0]));
        if (!FLOAT_TEXT.test(text)) throw new Bad("not a float");
        v.push(Number(text));
      }
    } else if (t === "s") v = this.take(this.i32());
    else if ("utaA".includes(t)) {
      try {
        v = utf8.decode(this.take(this.i32()));
      } catch (e) {
        if (e instanceof Bad) throw e;
        throw new Bad("not UTF-8");
      }
    } else if ("zZ".includes(t)) v = latin1.decode(this.take(this.take(1)[0]));
    else if (t === ")") {
      const n = this.take(1)[0];
      v = [];
      for (let i = 0; i < n; i++) v.push(this.obj(depth + 1));
    } else if ("([<>".includes(t)) {
      const n = this.i32();
      if (n < 0 || n > this.data.length) throw new Bad("bad size");
      v = [];
      for (let i = 0; i < n; i++) v.push(this.obj(depth + 1));
    } else if (t === "{") {
      v = [];
      while (this.data[this.pos] !== 0x30) v.push([this.obj(depth + 1), this.obj(depth + 1)]);
      this.pos += 1;
    } else if (t === "r") {
      const i = this.i32();
      if (!(i >= 0 && i < this.refs.length)) throw new Bad("bad reference");
      v = this.refs[i];
    } else if (t === "c") {
      v = new Code();
      for (const name of this.layout[0]) v[name] = this.i32();
      for (const field of this.layout[1]) {
        const [name, kind] = field.split(":");
        v[name] = kind === "i" ? this.i32() : this.obj(depth + 1);
      }
    } else throw new Bad(`unknown marshal type ${t}`);
    if (ref) this.refs[slot] = v;
    return v;
  }
}

function validOpcodes(version) {
  const out = new Set();
  for (const [a, b] of T.OPCODES[version][0]) for (let o = a; o <= b; o++) out.add(o);
  out.delete(0);  // CACHE never starts an instruction
  return out;
}

const VALID = new Map();  // version -> its valid opcodes, built once

// Whether every instruction of the code (and of nested code objects) is a valid opcode of
// that CPython version, with its inline caches where that version has them. Each distinct
// instruction string is checked once, however many code objects share it (a marshalled
// reference lets 9,000 code objects share one: time stays linear).
function fitsVersion(code, version, memo) {
  for (const c of codeObjects(code)) {
    const raw = c.code;
    if (!isBytes(raw) || raw.length % 2) return false;
    if (!memo.has(raw)) memo.set(raw, new Map());
    const seen = memo.get(raw);
    if (!seen.has(version)) seen.set(version, instructionsFit(raw, version));
    if (!seen.get(version)) return false;
  }
  return true;
}

function instructionsFit(raw, version) {
  if (!VALID.has(version)) VALID.set(version, validOpcodes(version));
  const valid = VALID.get(version);
  const [, resume, caches] = T.OPCODES[version];
  let i = 0;
  let seenResume = resume < 0;
  while (i < raw.length) {
    const op = raw[i];
    if (!valid.has(op)) return false;
    seenResume = seenResume || op === resume;
    const n = caches.get(op) || 0;
    if (i + 2 + 2 * n > raw.length) return false;
    for (let j = i + 2; j < i + 2 + 2 * n; j += 2) if (raw[j]) return false;
    i += 2 + 2 * n;
  }
  return i === raw.length && seenResume;
}

// The code object and every code object nested in its constants, each once.
function* codeObjects(code) {
  const seen = new Set();
  const stack = [code];
  while (stack.length) {
    const c = stack.pop();
    if (seen.has(c)) continue;
    seen.add(c);
    yield c;
    if (Array.isArray(c.consts)) for (const k of c.consts) if (k instanceof Code) stack.push(k);
  }
}

// Python's base64.b64decode(..., validate=False): characters outside the alphabet are
// discarded; a wrong padding is an error (null here).
function b64decode(text) {
  if (/[^\x00-\x7f]/.test(text)) return null;
  const data = text.replace(/[^A-Za-z0-9+/]/g, "");
  const pads = (text.match(/=/g) || []).length;
  if (data.length % 4 === 1 || (data.length % 4 && pads < 4 - (data.length % 4))) return null;
  const bin = atob(data + "=".repeat((4 - (data.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// base64 -> what it tells: a stored function is read once, however often a file holds it or
// the doctor asks (up to 10,000 entries or 64 MiB of base64 kept; then it starts again)
const READ = new Map();
let readSize = 0;

// What a Keras-stored function's bytecode tells, read without unmarshalling it.
export function readBytecode(b64) {
  if (!READ.has(b64)) {
    if (READ.size > 10000 || readSize > 2 ** 26) {
      READ.clear();
      readSize = 0;
    }
    READ.set(b64, readOnce(b64));
    readSize += b64.length;
  }
  const out = { ...READ.get(b64) };
  if (Array.isArray(out.globals)) out.globals = [...out.globals];
  return out;
}

function readOnce(b64) {
  const raw = b64decode(b64);
  if (raw === null) return { python: "unknown", problem: "not base64" };
  if (!raw.length) return { python: "unknown", problem: "empty" };
  if (raw.length > MAX_BYTECODE) {
    return { python: "unknown", problem: `larger than ${MAX_BYTECODE / 1024} KiB`, bytes: raw.length };
  }
  if (raw[0] !== T.CODE_WITH_REF && raw[0] !== T.CODE_WITHOUT_REF) {
    return { python: "unknown", problem: "not a marshalled code object", bytes: raw.length };
  }
  for (const [family, versions, longs, objs] of T.CODE_LAYOUTS) {
    const reader = new MarshalReader(raw, [longs, objs]);
    let code;
    try {
      code = reader.obj();
    } catch (e) {
      if (e instanceof Bad || e instanceof RangeError) continue;
      throw e;
    }
    if (reader.pos !== raw.length || !(code instanceof Code)) continue;
    if (family === "3.4-3.7" && !isBytes(code.code)) continue;
    const memo = new Map();
    const fits = versions.filter((v) => fitsVersion(code, v, memo));
    let python;
    if (versions.length && !fits.length) python = `${family} (not ${versions.join(", ")})`;
    else if (fits.length) python = fits.length < 3 ? fits.join(" or ") : `${fits[0]}-${fits[fits.length - 1]}`;
    else python = family;
    return {
      python,
      layout: family,
      name: typeof code.name === "string" ? code.name : null,
      filename: basename(code.filename),
      globals: globalsOf(code, (fits.length ? fits : versions.length ? versions : [null])[0]),
      bytes: raw.length,
    };
  }
  if (raw[0] === T.CODE_WITHOUT_REF) return { python: "2.x or 3.0-3.3", bytes: raw.length };
  return { python: "unknown", problem: "no known code-object layout", bytes: raw.length };
}

function basename(path) {
  if (typeof path !== "string" || !path) return null;
  const parts = path.replace(/\\/g, "/").replace(/\/+$/, "").split("/");
  return parts[parts.length - 1] || null;
}

// The global names the code (and its nested functions) loads: the co_names entries that
// LOAD_GLOBAL instructions point at. null when the version is not known.
function globalsOf(code, version) {
  if (!Object.hasOwn(T.GLOBAL_OPS, version)) return null;
  const found = new Set();
  const done = new Map();  // each (instructions, names) pair once: both may be shared references
  for (const c of codeObjects(code)) {
    const raw = c.code;
    const names = Array.isArray(c.names) ? c.names : [];
    if (!isBytes(raw)) continue;
    if (!done.has(raw)) done.set(raw, { names: new Set(), indexes: globalIndexes(raw, version) });
    const seen = done.get(raw);
    if (seen.names.has(names)) continue;
    seen.names.add(names);
    let { indexes } = seen;
    if (indexes.size > names.length) indexes = [...Array(names.length).keys()].filter((i) => indexes.has(i));
    for (const idx of indexes) {
      if (idx < names.length && typeof names[idx] === "string") found.add(names[idx]);
    }
  }
  return [...found].sort(byCodePoint);
}

// The co_names indexes the LOAD_GLOBAL instructions of one instruction string use.
function globalIndexes(raw, version) {
  const [loadGlobal, extended, shift] = T.GLOBAL_OPS[version];
  const out = new Set();
  let ext = 0;
  for (let i = 0; i < raw.length - 1; i += 2) {
    const op = raw[i];
    const arg = raw[i + 1] | ext;
    ext = op === extended ? arg * 256 : 0;
    if (op === loadGlobal) out.add(Math.floor(arg / 2 ** shift));
  }
  return out;
}

export function byCodePoint(a, b) {  // Python's order of str
  const x = [...a], y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}
