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
    tfop or custom. None when no file of the scan has this file's features: stored code
    where the scan's files hold none (in a wrapper, a nested model, an activation, a loss,
    a Keras function a Lambda calls), several kinds at once, or a compiled model."""
    layers = report["layers"]
    if report.get("compiled") or not layers or _renamed(report):
        return None
    features = set()
    for c in report.get("code", []):
        top = c["path"].startswith("config.layers[") and c["path"].count(".") == 3 and \
            c["role"] == "function"
        if not top or (c["type"] == "function" and c["source"] == "keras"):
            return None
        features.add("named" if c["type"] == "function" else
                     "tf_call" if "tf" in (c.get("globals") or []) else "lambda")
    kinds = {layer["kind"] for layer in layers} - {"builtin", "lambda"}
    features |= {"tfop" if k == "tfoplambda" else "custom" if k == "custom" else k for k in kinds}
    if len(features) > 1 or features - {"named", "lambda", "tf_call", "tfop", "custom"}:
        return None
    return features.pop() if features else "plain"


def scan_format(report: dict) -> str | None:
    """The format whose runs apply to this file: none when its name is not the one Keras
    picks that reader by (KD018: an .h5 named .KERAS, a zip named .h5...), or for an
    unzipped .keras folder (which tf-keras, Keras 2 and early Keras 3 do not read as one),
    as no run of the scan loaded such a file."""
    if report.get("unzipped") or any(f["code"] == "KD018" for f in report.get("findings", [])):
        return None
    return report["format"]


def _renamed(report: dict) -> bool:
    """A Keras class given a registered name of another (by hand): Keras 3.15 refuses the
    pair, older releases load the built-in; no file of the scan has one."""
    return any(layer.get("registered_name") not in (None, layer["class_name"]) and
               layer["kind"] != "custom" for layer in report["layers"])


def _matches(keras: str, wanted: str) -> bool:
    return keras == wanted or keras.startswith(wanted + ".")


def known(wanted: str) -> bool:
    return any(_matches(r["keras"], wanted) for r in _data()["releases"].values())


def versions() -> list[str]:
    return [r["keras"] for r in _data()["releases"].values()]


def target(report: dict, wanted: str) -> dict:
    data = _data()
    ext = {"h5": "h5", "keras": "keras"}.get(scan_format(report))
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


# --- the releases a claim holds for, from the same runs --------------------------------------

def _outcome(verdict: str | None) -> str | None:
    """loads / refuses / fails, the first word of a verdict (None: no run)."""
    if verdict is None or verdict.startswith("n/a"):
        return None
    return verdict.split(" ", 1)[0].rstrip(";:")


def code_case(entry: dict, report: dict) -> str | None:
    """The scan's case that stored code like this one was seen in: bytecode as a top-level
    Lambda's function (the scan's lambda and tf_call files); None for code elsewhere (in a
    wrapper, a nested model, an activation, a loss...), which no case of the scan holds."""
    path = entry["path"]
    top = path.startswith("config.layers[") and path.count(".") == 3 and \
        path.endswith("].config.function")
    if entry["type"] != "bytecode" or not top or _renamed(report):
        return None
    return "tf_call" if "tf" in (entry.get("globals") or []) else "lambda"


def _ranges(names: list[str]) -> str:
    """Releases as runs of the registry's order: 'Keras 3.0.5–3.11.2, tf-keras 2.16.0'."""
    data = _data()
    order = list(data["releases"])
    out, run = [], []
    for name in sorted(names, key=order.index):
        if run and order.index(name) == order.index(run[-1]) + 1 and \
                data["releases"][name]["family"] == data["releases"][run[-1]]["family"]:
            run.append(name)
            continue
        if run:
            out.append(run)
        run = [name]
    if run:
        out.append(run)
    label = data.get("families", {})
    text = []
    for r in out:
        first, last = data["releases"][r[0]], data["releases"][r[-1]]
        title = label.get(first["family"], {}).get("title", first["family"])
        text.append(f"{title} {first['keras']}" + (f"\u2013{last['keras']}" if len(r) > 1 else ""))
    return ", ".join(text)


def outcomes(case: str | None, fmt: str, writer: str | None, families=None) -> dict:
    """release -> {mode: loads/refuses/fails}, for the scan's case of this kind and format,
    on files written by this writer; releases without such a run are left out."""
    ext = {"h5": "h5", "keras": "keras"}.get(fmt)
    out = {}
    if not case or not ext or not writer:
        return out
    data = _data()
    for name, rel in data["releases"].items():
        if families and rel["family"] not in families:
            continue
        seen = rel["loads"].get(writer, {})
        modes = {c.split(", ", 1)[1]: _outcome(data["verdicts"][i]) for c, i in seen.items()
                 if c.split(", ", 1)[0] == f"{case}.{ext}"}
        modes = {m: o for m, o in modes.items() if o}
        if modes:
            out[name] = modes
    return out


_WHEN: dict = {}  # the same question once per file, however many stored functions ask it


def when(case: str | None, fmt: str, writer: str | None, families=None) -> str:
    """Which releases load (and run) it by default, only with safe_mode=False, or not at all,
    in the knowledge base's runs; said so when no run holds such a file."""
    key = (case, fmt, writer, tuple(sorted(families)) if families else None)
    if key not in _WHEN:
        _WHEN[key] = _when(case, fmt, writer, families)
    return _WHEN[key]


def _when(case: str | None, fmt: str, writer: str | None, families=None) -> str:
    seen = outcomes(case, fmt, writer, families)
    if not seen:
        return "no release in the knowledge base's runs was tried on a file like this"
    groups = {"loaded by default by": [], "loaded only with safe_mode=False by": [],
              "not loaded by": []}
    for name, modes in seen.items():
        if modes.get("default") == "loads":
            groups["loaded by default by"].append(name)
        elif modes.get("safe_mode=False") == "loads":
            groups["loaded only with safe_mode=False by"].append(name)
        else:
            groups["not loaded by"].append(name)
    return "; ".join(f"{how}: {_ranges(names)}" for how, names in groups.items() if names)


def denied(api: str) -> str:
    """The releases whose denylist (Keras 3.15's non-modeling APIs) refuses a function."""
    data = _data()
    refuse = [n for n, r in data["releases"].items() if api in r.get("denylist", ())]
    known_lists = [n for n, r in data["releases"].items() if "denylist" in r]
    allow = [n for n in known_lists if n not in refuse]
    parts = []
    if allow:
        parts.append(f"resolved without custom_objects by {_ranges(allow)}")
    if refuse:
        parts.append(f"refused by the denylist of {_ranges(refuse)}")
    return "; ".join(parts) or "no release in the knowledge base's runs was checked"


def hazards() -> list[dict]:
    """What a model file holds when it has what an advisory names (data/advisories.toml)."""
    return _data()["hazards"]


def covered(ids: list[str]) -> str:
    """The releases under test that these advisories cover (their ranges, data/advisories.toml)."""
    data = _data()
    names = [n for n, r in data["releases"].items()
             if any(a["id"] in ids for a in r["advisories"])]
    fixed = sorted({v for h in hazards() if h["id"] in ids for v in h["fixed"]})
    if not names:
        return f"none of the releases under test (fixed in {', '.join(fixed)})"
    return f"{_ranges(names)} of the releases under test (fixed in {', '.join(fixed)})"


def writer_family(version: str) -> str:
    """The families whose releases share this writer's major.minor (the registry's)."""
    data = _data()
    mm = version.split(".")[:2]
    fams = [r["family"] for r in data["releases"].values() if r["keras"].split(".")[:2] == mm]
    label = data.get("families", {})
    names = [label.get(f, {}).get("label", f) for f in dict.fromkeys(fams)]
    return ", ".join(names) or f"Keras {version.split('.')[0]}"
