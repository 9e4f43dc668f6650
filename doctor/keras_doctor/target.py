"""--keras X.Y: what that Keras version does with this file, from the version scan's runs
(spec/releases.json, derived from the knowledge base's results), and which advisories
cover that version."""
from __future__ import annotations

from .tables import spec

_DATA = None


def _data() -> dict:
    global _DATA
    if _DATA is None:
        _DATA = spec("releases.json")
    return _DATA


def file_kind(report: dict) -> str | None:
    """The version scan's name for a file like this one: plain, lambda, tf_call, named,
    tfop or custom (None when the scan has no such file)."""
    layers = report["layers"]
    kinds = {layer["kind"] for layer in layers}
    lambdas = [layer.get("function") or {} for layer in layers if layer["kind"] == "lambda"]
    if "tfoplambda" in kinds:
        return "tfop"
    if "custom" in kinds:
        return "custom"
    if any(fn.get("type") == "named" for fn in lambdas):
        return "named"
    if lambdas:
        return "tf_call" if any("tf" in (fn.get("globals") or []) for fn in lambdas) else "lambda"
    if kinds <= {"builtin"} and layers:
        return "plain"
    return None


def _matches(keras: str, wanted: str) -> bool:
    return keras == wanted or keras.startswith(wanted + ".")


def known(wanted: str) -> bool:
    return any(_matches(r["keras"], wanted) for r in _data()["releases"].values())


def versions() -> list[str]:
    return [r["keras"] for r in _data()["releases"].values()]


def target(report: dict, wanted: str) -> dict:
    data = _data()
    ext = {"h5": "h5", "keras": "keras"}.get(report["format"])
    kind = file_kind(report)
    writer = report.get("keras_version")
    out = {"keras": wanted, "file": f"{kind}.{ext}" if kind and ext else None,
           "written_by": writer, "releases": []}
    for name, rel in data["releases"].items():
        if not _matches(rel["keras"], wanted):
            continue
        seen = rel["loads"].get(writer or "", {})
        verdicts = {case.split(", ", 1)[1]: data["verdicts"][i] for case, i in seen.items()
                    if out["file"] and case.split(", ", 1)[0] == out["file"]}
        out["releases"].append({"release": name, "family": rel["family"], "keras": rel["keras"],
                                "verdicts": verdicts, "advisories": rel["advisories"]})
    return out
