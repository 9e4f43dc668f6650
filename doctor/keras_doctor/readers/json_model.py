"""JSON: a TensorFlow.js model.json (layers or graph model) or model.to_json()."""
from __future__ import annotations

import os

from ..errors import DoctorError
from .common import check_size, load_json


def read_model_json(path: str) -> dict:
    check_size(path, "model.json")
    with open(path, "rb") as f:
        data = load_json(f.read(), os.path.basename(path) or "the JSON file")
    if not isinstance(data, dict):
        raise DoctorError("a JSON file that is not a model (no modelTopology or model config)")
    if "modelTopology" in data or data.get("format") in ("layers-model", "graph-model"):
        topo = data.get("modelTopology") or {}
        if data.get("format") == "graph-model" or "node" in topo:
            return {"format": "tfjs-graph", "config": None, "keras_version": None,
                    "backend": None, "generated_by": data.get("generatedBy"),
                    "converted_by": data.get("convertedBy")}
        config = topo.get("model_config", topo if "class_name" in topo else None)
        version = topo.get("keras_version")
        gen = data.get("generatedBy") or ""
        if not version and gen.startswith("keras v"):
            version = gen.removeprefix("keras v")
        return {"format": "tfjs", "config": config, "keras_version": version,
                "backend": topo.get("backend"), "generated_by": data.get("generatedBy"),
                "converted_by": data.get("convertedBy")}
    if "class_name" in data and "config" in data:
        return {"format": "json", "config": data, "keras_version": data.get("keras_version"),
                "backend": data.get("backend")}
    raise DoctorError("a JSON file that is not a model (no modelTopology or model config)")
