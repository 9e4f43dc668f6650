"""The report as SARIF 2.1.0 (GitHub code scanning and other CI tools read it): each finding
a result at the model file, each finding code a rule whose helpUri is its answer on the site."""
from __future__ import annotations

import json
import os
from urllib.parse import quote

from .tables import FINDINGS, SITE_URL, SUMMARY, page

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif(report: dict, version: str) -> str:
    codes = list(dict.fromkeys(f["code"] for f in report["findings"]))
    rules = [{"id": code, "shortDescription": {"text": SUMMARY[code]},
              "helpUri": page(code, report["format"]),
              "defaultConfiguration": {"level": LEVELS[FINDINGS[code]["severity"]]}}
             for code in codes]
    uri = quote(report["path"].replace(os.sep, "/"))
    results = []
    for f in report["findings"]:
        results.append({
            "ruleId": f["code"], "ruleIndex": codes.index(f["code"]), "level": LEVELS[f["severity"]],
            "message": {"text": f["message"] + (f" (layer {f['layer']})" if f["layer"] else "")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
    run = {"tool": {"driver": {"name": "keras-doctor", "version": version,
                               "informationUri": f"{SITE_URL}/check-your-file/",
                               "rules": rules}},
           "artifacts": [{"location": {"uri": uri}}],
           "results": results}
    return json.dumps({"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                       "version": "2.1.0", "runs": [run]}, indent=2)
