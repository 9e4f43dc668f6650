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

// json.loads, bounded: its size, how many objects it would build, how deep it nests.
export function loadJson(raw, what) {
  if (raw.length > MAX_CONFIG_BYTES) throw tooLarge(what, raw.length);
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
  let s;
  try {
    s = typeof raw === "string" ? raw : utf8.decode(raw);
  } catch {
    throw new DoctorError(`${what} is not valid JSON (truncated or corrupt?): not UTF-8`);
  }
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
