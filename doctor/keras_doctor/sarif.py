"""The report as SARIF 2.1.0 (GitHub code scanning and other CI tools read it): each finding
a result at the model file, each finding code a rule whose helpUri is its answer on the site."""
from __future__ import annotations

import json
import os
from urllib.parse import quote

from .tables import FINDINGS, SITE_URL, SUMMARY, page

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif(reports: list[dict], version: str) -> str:
    """One run: a rule for each finding code met, a result for each finding, at its file."""
    findings = [(i, f) for i, r in enumerate(reports) for f in r["findings"]]
    codes = list(dict.fromkeys(f["code"] for _, f in findings))
    fmt = {f["code"]: reports[i]["format"] for i, f in reversed(findings)}  # its first file's
    rules = [{"id": code, "shortDescription": {"text": SUMMARY[code]},
              "helpUri": page(code, fmt[code]),
              "defaultConfiguration": {"level": LEVELS[FINDINGS[code]["severity"]]}}
             for code in codes]
    uris = [quote(r["path"].replace(os.sep, "/")) for r in reports]
    results = [{"ruleId": f["code"], "ruleIndex": codes.index(f["code"]),
                "level": LEVELS[f["severity"]],
                "message": {"text": f["message"] + (f" (layer {f['layer']})" if f["layer"] else "")},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uris[i], "index": i}}}]}
               for i, f in findings]
    run = {"tool": {"driver": {"name": "keras-doctor", "version": version,
                               "informationUri": f"{SITE_URL}/check-your-file/",
                               "rules": rules}},
           "artifacts": [{"location": {"uri": uri}} for uri in uris],
           "results": results}
    return json.dumps({"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                       "version": "2.1.0", "runs": [run]}, indent=2)
