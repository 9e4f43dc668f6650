"""keras-doctor beside modelscan and ModelAudit, from the recorded run
(results/scanners/scanners.json, written by `make scanners`, kb/tools/scanners.py): the
summary table (<!-- kb:scanners -->) and the table of every file (<!-- kb:scanners-files -->).
"""
from __future__ import annotations

import json
import statistics

from kb.engine import runtimes

FILE = runtimes.ROOT / "results" / "scanners" / "scanners.json"
TITLES = {"keras-doctor": "keras-doctor", "modelscan": "modelscan", "modelaudit": "ModelAudit"}
FORMATS = {"h5": ".h5", "h5-weights": ".weights.h5", "keras": ".keras", "savedmodel": "SavedModel",
           "tfjs": "TF.js model.json"}


def load() -> dict:
    return json.loads(FILE.read_text(encoding="utf-8"))


def summary(data: dict) -> dict[str, dict]:
    """tool -> what it did on the corpus: code found (of the files holding code), false alarms
    (of the files without), formats read, files it could not read, median seconds per file,
    install bytes."""
    files = data["files"]
    out = {}
    for tool in data["versions"]:
        runs = [(f, f["tools"][tool]) for f in files]
        per_format: dict[str, list[bool]] = {}
        for f, r in runs:
            per_format.setdefault(f["format"], []).append(r["read"])
        out[tool] = {
            "found": [f["file"] for f, r in runs if f["holds_code"] and r["flagged"]],
            "missed": [f["file"] for f, r in runs if f["holds_code"] and not r["flagged"]],
            "false": [f["file"] for f, r in runs if not f["holds_code"] and r["flagged"]],
            "unread": [f["file"] for f, r in runs if not r["read"]],
            "formats": {fmt: (sum(read), len(read)) for fmt, read in per_format.items()},
            "median": statistics.median(r["seconds"] for _, r in runs),
            "install": data["install_bytes"][tool],
        }
    return out


def _formats(formats: dict[str, tuple[int, int]]) -> str:
    parts = [FORMATS.get(fmt, fmt) + ("" if read == n else f" ({read} of {n})")
             for fmt, (read, n) in sorted(formats.items()) if read]
    return ", ".join(parts) or "none"


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def table(data: dict | None = None) -> str:
    data = data or load()
    s = summary(data)
    files = data["files"]
    code = sum(f["holds_code"] for f in files)
    benign = len(files) - code
    writers = sorted({f["source"] for f in files if f["source"] != "conformance"})
    versions = ", ".join(f"{TITLES[t]} {v}" for t, v in data["versions"].items())
    lines = [
        f"Run on {data['date']} (Python {data['python']}): {versions}, each as its command, one "
        f"process per file, on {len(files)} files: {sum(f['source'] == 'conformance' for f in files)} "
        f"of keras-doctor's conformance cases and {sum(f['source'] != 'conformance' for f in files)} "
        f"files written by {', '.join(f'`{w}`' for w in writers)} (the differential generator). "
        f"{code} of them hold stored code, {benign} do not. Times are wall-clock seconds of each "
        f"command, Python's start included, one file at a time on the machine that made the record "
        f"(2 cores, nothing else running).",
        "",
        f"| | code found (of {code} files holding code) | false alarms (of {benign} without) "
        "| formats read | could not read | median time per file | install |",
        "|---|---|---|---|---|---|---|",
    ]
    for tool, r in s.items():
        lines.append(f"| {TITLES[tool]} {data['versions'][tool]} | {len(r['found'])} | {len(r['false'])} "
                     f"| {_formats(r['formats'])} | {len(r['unread'])} | {r['median']:.2f} s "
                     f"| {_mb(r['install'])} |")
    doctor = s["keras-doctor"]
    others = [t for t in s if t != "keras-doctor"]
    either = {f for t in others for f in s[t]["found"]}
    beyond = sorted(either - set(doctor["found"]))
    lines += ["", f"keras-doctor's median time per file is "
              + " and ".join(f"{s[t]['median'] / doctor['median']:.0f}× shorter than {TITLES[t]}'s"
                             for t in others) + "."]
    if "batch" in data:  # each tool once over all the files (kb/tools/scanners.py batch)
        b = data["batch"]["seconds"]
        lines += ["", f"All {data['batch']['files']} files in one command each, as a CI job runs a "
                  "scanner over a folder of models (each start paid once): "
                  + ", ".join(f"{TITLES[t]} {b[t]:.2f} s" for t in b) + "; keras-doctor's is "
                  + " and ".join(f"{b[t] / b['keras-doctor']:.0f}× shorter than {TITLES[t]}'s"
                                 for t in others) + "."]
    if doctor["missed"]:
        lines += ["", f"**What keras-doctor misses.** Of the {code} files holding code, it finds "
                  f"no code in {len(doctor['missed'])}:", ""]
        lines += [f"- `{f}`: {_what(files, f)}" for f in doctor["missed"]]
    if beyond:
        lines += ["", f"Of those, {len(beyond)} are found by "
                  f"{' or '.join(TITLES[t] for t in others)}: "
                  + ", ".join(f"`{f}`" for f in beyond) + "."]
    lines += ["", "A flag counts for the whole file, whatever it is about: on a file that holds code, "
              "a tool's flag may be about something else (ModelAudit flags every SavedModel for its "
              "TensorFlow save and restore operations, and custom classes as such). The table of every "
              "file below shows what each tool said."]
    if doctor["false"]:
        lines += ["", f"**keras-doctor's false alarms**: " + ", ".join(f"`{f}`" for f in doctor["false"]) + "."]
    return "\n".join(lines) + "\n"


def _what(files, name) -> str:
    return next(f["what"] for f in files if f["file"] == name)


def short(name: str) -> str:
    """A file's name in the tables: a conformance case's name, or writer/file."""
    parts = name.split("/")
    return parts[2] if name.startswith("doctor/conformance/") else "/".join(parts[2:])


def _cell(f: dict, r: dict) -> str:
    if not r["read"]:
        word = "could not read"
    elif r["flagged"]:
        word = "code found" if f["holds_code"] else "false alarm"
    else:
        return "missed" if f["holds_code"] else "nothing found"
    said = r["said"].replace("|", "/").replace("\n", " ")
    return f"**{word}**: {said if len(said) <= 48 else said[:45] + '...'}"


def files_table(data: dict | None = None) -> str:
    data = data or load()
    tools = list(data["versions"])
    head = "| file | what it holds | " + " | ".join(TITLES[t] for t in tools) + " |"
    rows = [head, "|" + "---|" * (len(tools) + 2)]
    for f in data["files"]:
        what = f["what"]
        if "features" in f:
            what += f" (features: {', '.join(f['features']) or 'none'})"
        if f.get("ran_on_load"):
            what += "; a load on its writer ran it"
        rows.append(f"| `{short(f['file'])}` | {what} | "
                     + " | ".join(_cell(f, f["tools"][t]) for t in tools) + " |")
    body = "\n".join(f"    {row}" for row in rows)
    return (f'??? note "Every file, and what each tool said ({len(data["files"])} files)"\n\n'
            f"    A conformance case is named by its folder in `doctor/conformance/`, a generated "
            f"file by its writer and name in `results/scanners/`.\n\n{body}\n")
