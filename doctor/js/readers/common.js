// readers/common.py: what every reader shares: size limits, JSON within bounds, strings
// from the file. A file here is a source: {name, size, read(offset, length) -> Uint8Array}.
import { DoctorError } from "../errors.js";
import {
  MAX_CONFIG_BYTES, MAX_FUNCTIONS, MAX_JSON_DEPTH, MAX_JSON_ITEMS, MAX_JSON_OBJECTS,
} from "../tables.js";

export const isDict = (v) => v !== null && typeof v === "object" && !Array.isArray(v) &&
  !(v instanceof Uint8Array);
export const has = (obj, key) => isDict(obj) && Object.hasOwn(obj, key);
export const get = (obj, key) => (has(obj, key) ? obj[key] : null);

export function tooLarge(what, size, limit = MAX_CONFIG_BYTES) {
  return new DoctorError(`${what} is too large (${size} bytes; the limit is ${limit} bytes, ` +
                         `${Math.floor(limit / 2 ** 20)} MiB)`);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

// The text's structure checked in one pass, as Python's json.loads would find it: how
// deep it nests, and where NaN, Infinity and -Infinity stand outside strings (Python's
// json reads them; the Python doctor reads them as null, and so does this one).
function scan(s, what) {
  let depth = 0;
  let inString = false;
  const constants = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new DoctorError(`${what} is nested too deeply to be a model config`);
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x4e || c === 0x49 || c === 0x2d) {
      for (const word of ["NaN", "Infinity", "-Infinity"]) {
        if (s.startsWith(word, i)) {
          constants.push([i, word.length]);
          i += word.length - 1;
          break;
        }
      }
    }
  }
  return constants;
}

// a stored Python function: Keras 3's {"class_name": "__lambda__"}, Keras 2's "function_type":
// "lambda" (only a JSON string token can match: a quote inside a string is escaped)
const STORED_FUNCTION = /"__lambda__"|"function_type"[ \t\r\n]*:[ \t\r\n]*"lambda"/g;
const countFunctions = (s) => (s.match(STORED_FUNCTION) || []).length;
const latin1 = new TextDecoder("latin1");  // ASCII kept as it is: enough for the count

// The encoding Python's json.loads(bytes) reads them in (json.detect_encoding): a byte order
// mark, or the zero bytes UTF-16 and UTF-32 put around ASCII; else UTF-8.
function jsonEncoding(b) {
  const starts = (...sig) => sig.every((v, i) => b[i] === v);
  if (starts(0, 0, 0xfe, 0xff)) return "utf-32be";
  if (starts(0xff, 0xfe, 0, 0)) return "utf-32le";
  if (starts(0xfe, 0xff)) return "utf-16be";
  if (starts(0xff, 0xfe)) return "utf-16le";
  if (starts(0xef, 0xbb, 0xbf)) return "utf-8-sig";
  if (b.length >= 4) {
    if (!b[0]) return b[1] ? "utf-16be" : "utf-32be";
    if (!b[1]) return b[2] || b[3] ? "utf-16le" : "utf-32le";
  } else if (b.length === 2) {
    if (!b[0]) return "utf-16be";
    if (!b[1]) return "utf-16le";
  }
  return "utf-8";
}

function decodeJson(b, what) {
  const enc = jsonEncoding(b);
  try {
    if (enc === "utf-8") return utf8.decode(b);
    if (enc === "utf-8-sig") return utf8.decode(b.subarray(3));
    if (enc.startsWith("utf-16")) {
      const s = new TextDecoder(enc, { fatal: true }).decode(b);
      return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
    }
    if (b.length % 4) throw new Error("truncated");
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    let s = "";
    for (let i = 0; i < b.length; i += 4) {
      s += String.fromCodePoint(view.getUint32(i, enc === "utf-32le"));
    }
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  } catch {
    throw new DoctorError(`${what} is not valid JSON (truncated or corrupt?): not ${enc}`);
  }
}

// json.loads, bounded: its size, how many objects it would build, how deep it nests.
export function loadJson(raw, what) {
  if (raw.length > MAX_CONFIG_BYTES) throw tooLarge(what, raw.length);
  if (typeof raw !== "string" && jsonEncoding(raw) !== "utf-8") raw = decodeJson(raw, what);
  let objects = 0, items = 0;
  if (typeof raw === "string") {
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c === 0x7b) objects++;
      else if (c === 0x5b || c === 0x2c) items++;
    }
  } else {
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c === 0x7b) objects++;
      else if (c === 0x5b || c === 0x2c) items++;
    }
  }
  if (objects > MAX_JSON_OBJECTS || objects + items > MAX_JSON_ITEMS) {
    throw new DoctorError(`${what} holds too many values to be a model config (${objects} ` +
                          `objects, ${objects + items} items; the limits are ${MAX_JSON_OBJECTS} ` +
                          `and ${MAX_JSON_ITEMS})`);
  }
  const functions = countFunctions(typeof raw === "string" ? raw : latin1.decode(raw));
  if (functions > MAX_FUNCTIONS) {
    throw new DoctorError(`${what} stores ${functions} Python functions as bytecode (Lambda ` +
                          `layers and the like; the limit is ${MAX_FUNCTIONS}): not read`);
  }
  let s = typeof raw === "string" ? raw : decodeJson(raw, what);
  const constants = scan(s, what);
  if (constants.length) {
    let out = "", at = 0;
    for (const [i, n] of constants) {
      out += s.slice(at, i) + "null";
      at = i + n;
    }
    s = out + s.slice(at);
  }
  try {
    return JSON.parse(s);
  } catch (e) {
    throw new DoctorError(`${what} is not valid JSON (truncated or corrupt?): ${e.message}`);
  }
}

export function checkSize(source, what, limit = MAX_CONFIG_BYTES) {
  if (source.size > limit) throw tooLarge(what, source.size, limit);
}

// A string from the file, or null: values of any other type are not echoed.
export function text(value) {
  return typeof value === "string" ? value : null;
}

// The whole file's bytes (a source read from start to end).
export function readAll(source) {
  return source.read(0, source.size);
}

export { WS };
