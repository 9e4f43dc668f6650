"""The doctor's limits, and its rules read from the spec folder (keras_doctor/spec/, shared by
every implementation): findings, class names, bytecode tables, formats, the report schema."""
from __future__ import annotations

import json
from pathlib import Path

SPEC = Path(__file__).resolve().parent / "spec"


def spec(name: str) -> dict:
    with open(SPEC / name, encoding="utf-8") as f:
        data = json.load(f)
    data.pop("$comment", None)
    return data



SCHEMA_VERSION = 1
# Limits: every input is bounded in time and memory (the hostile-input tests hold a 500 MB
# address-space limit and a timeout).
MAX_CONFIG_BYTES = 32 * 1024 * 1024  # a model's JSON config larger than this is refused
MAX_JSON_OBJECTS = 300_000  # "{" in a config: each becomes a dict (~300 bytes)
MAX_JSON_ITEMS = 2_000_000  # "," "[" "{": every value a list or dict holds
MAX_JSON_DEPTH = 200  # nesting of a config's JSON
MAX_LAYERS = 100_000
MAX_DEPTH = 64  # nested models / marshalled objects
MAX_PB_BYTES = 2 * 1024 ** 3  # protocol buffers cannot be larger
MAX_PB_FIELDS = 1_000_000  # fields of a .pb read before it is called corrupt
MAX_ZIP_ENTRIES = 100_000
MAX_BYTECODE = 1024 * 1024  # a Lambda's marshalled code larger than this is not read
MAX_TEXT_NAME = 80  # names longer than this are cut in the text report (not in --json)


FINDINGS = spec("findings.json")  # code -> severity, summary, message, answer, backed_by
SEVERITY = {code: f["severity"] for code, f in FINDINGS.items()}
SUMMARY = {code: f["summary"] for code, f in FINDINGS.items()}
MESSAGES = {code: f["message"] for code, f in FINDINGS.items()}


SITE_URL = spec("site.json")["site_url"].rstrip("/")  # a copy of mkdocs.yml's (derived)


def page(code: str, fmt: str | None = None) -> str:
    """Where a finding is answered: the full URL of the page and heading on the hosted site
    (a site-relative path when the site has no URL)."""
    f = FINDINGS[code]
    name, anchor = f.get("answer_by_format", {}).get(fmt, f["answer"]).split("#")
    return f"{SITE_URL}/{name}/#{anchor}"


PAGES = {code: page(code) for code in FINDINGS}

FORMAT_LABELS = spec("formats.json")

_classes = spec("classes.json")
MODEL_CLASSES = frozenset(_classes["models"])
BUILTIN_LAYERS = frozenset(_classes["layers"]) | MODEL_CLASSES
KERAS_OPS = frozenset(_classes["operations"])
TFOP_CLASSES = frozenset(_classes["tf_op_layers"])

_bytecode = spec("bytecode.json")
CODE_WITH_REF = _bytecode["marshal"]["code_with_ref"]
CODE_WITHOUT_REF = _bytecode["marshal"]["code_without_ref"]
OPCODES = {v: ([tuple(r) if r[0] != r[1] else r[0] for r in o["valid"]], o["resume"],
               {int(k): n for k, n in o["caches"].items()})
           for v, o in _bytecode["opcodes"].items()}
GLOBAL_OPS = {v: (g["load_global"], g["extended_arg"], g["shift"])
              for v, g in _bytecode["load_global"].items()}
CODE_LAYOUTS = [(c["family"], tuple(c["versions"]), c["ints"], c["objects"])
                for c in _bytecode["code_layouts"]]

REPORT_SCHEMA = spec("report.schema.json")
