// report.py: the report with every string valid Unicode, and as JSON. (The text report
// is the page's HTML: page.js.)
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
