// report.py: the report with every string valid Unicode, and as JSON; names as the text
// report shows them (the text report is the page's HTML: page.js).
import { MAX_TEXT_NAME } from "./tables.js";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// A lone surrogate from the file becomes U+FFFD, so that the report can always be written.
export function clean(value) {
  if (typeof value === "string") return value.replace(LONE_SURROGATE, "\uFFFD");
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [clean(k), clean(v)]));
  }
  return value;
}

// Strict JSON: ASCII only (every other character escaped), as the CLI's --json.
export function toJson(report) {
  return JSON.stringify(report, null, 2).replace(/[\u007f-\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

// Python's str.isprintable() is false for these (every separator but the space).
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const NAMED = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const hex = (n, width) => n.toString(16).padStart(width, "0");

// Names from the file: control characters (newlines, ANSI escapes), format characters (bidi
// overrides) and the like shown escaped, as the command's text report does (unicode_escape).
export function escapeLine(line) {
  if (!UNPRINTABLE.test(line)) return line;
  let out = "";
  for (const c of line) {
    if (c === " " || !UNPRINTABLE.test(c)) out += c;
    else if (NAMED[c]) out += NAMED[c];
    else {
      const n = c.codePointAt(0);
      out += n < 0x100 ? `\\x${hex(n, 2)}` : n < 0x10000 ? `\\u${hex(n, 4)}` : `\\U${hex(n, 8)}`;
    }
  }
  return out;
}

// A name longer than the text report's bound, cut (not in the JSON).
export function short(name) {
  return [...name].length <= MAX_TEXT_NAME ? name : [...name].slice(0, MAX_TEXT_NAME - 1).join("") + "\u2026";
}
