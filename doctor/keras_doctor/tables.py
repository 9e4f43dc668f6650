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
# Limits (spec/limits.json, which says what each one bounds)
LIMITS = spec("limits.json")
MAX_CONFIG_BYTES = LIMITS["MAX_CONFIG_BYTES"]
MAX_JSON_OBJECTS = LIMITS["MAX_JSON_OBJECTS"]
MAX_JSON_ITEMS = LIMITS["MAX_JSON_ITEMS"]
MAX_JSON_DEPTH = LIMITS["MAX_JSON_DEPTH"]
MAX_LAYERS = LIMITS["MAX_LAYERS"]
MAX_DEPTH = LIMITS["MAX_DEPTH"]
MAX_PB_BYTES = LIMITS["MAX_PB_BYTES"]
MAX_PB_FIELDS = LIMITS["MAX_PB_FIELDS"]
MAX_ZIP_ENTRIES = LIMITS["MAX_ZIP_ENTRIES"]
MAX_BYTECODE = LIMITS["MAX_BYTECODE"]
MAX_FUNCTIONS = LIMITS["MAX_FUNCTIONS"]
MAX_TEXT_NAME = LIMITS["MAX_TEXT_NAME"]
MAX_H5_OBJECTS = LIMITS["MAX_H5_OBJECTS"]
MAX_DATASET_BYTES = LIMITS["MAX_DATASET_BYTES"]


FINDINGS = spec("findings.json")  # code -> severity, summary, message, answer, backed_by
SEVERITY = {code: f["severity"] for code, f in FINDINGS.items()}
SUMMARY = {code: f["summary"] for code, f in FINDINGS.items()}
MESSAGES = {code: f["message"] for code, f in FINDINGS.items()}


SITE_URL = spec("site.json")["site_url"].rstrip("/")  # a copy of mkdocs.yml's (derived)


def page(code: str, fmt: str | None = None) -> str:
    """Where a finding is answered: the full URL of the page and heading on the hosted site
    (a site-relative path when the site has no URL)."""
    f = FINDINGS[code]
    return answer_url(f.get("answer_by_format", {}).get(fmt, f["answer"]))


def answer_url(answer: str) -> str:
    """An answer "page#anchor" as its full URL on the hosted site."""
    name, anchor = answer.split("#")
    return f"{SITE_URL}/{name}/#{anchor}"


PAGES = {code: page(code) for code in FINDINGS}

_formats = spec("formats.json")
FORMAT_LABELS = _formats["labels"]
OTHER_FILES = _formats["others"]  # files often taken for a Keras model, and what each is

_classes = spec("classes.json")
MODEL_CLASSES = frozenset(_classes["models"])
BUILTIN_LAYERS = frozenset(_classes["layers"]) | MODEL_CLASSES
KERAS_OPS = frozenset(_classes["operations"])
TFOP_CLASSES = frozenset(_classes["tf_op_layers"])
BUILTIN_ACTIVATIONS = frozenset(_classes["activations"])

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
