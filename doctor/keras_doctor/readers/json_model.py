"""JSON: a TensorFlow.js model.json (layers or graph model) or model.to_json()."""
from __future__ import annotations

import os

from ..errors import DoctorError
from .common import check_size, load_json, text

NOT_A_MODEL = "a JSON file that is not a model (no modelTopology or model config)"


def read_model_json(path: str) -> dict:
    check_size(path, "model.json")
    with open(path, "rb") as f:
        data = load_json(f.read(), os.path.basename(path) or "the JSON file")
    if not isinstance(data, dict):
        raise DoctorError(NOT_A_MODEL)
    if "modelTopology" in data or data.get("format") in ("layers-model", "graph-model"):
        topo = data.get("modelTopology")
        if not isinstance(topo, dict):
            raise DoctorError("a TensorFlow.js model.json without a modelTopology object")
        tags = {"generated_by": text(data.get("generatedBy")),
                "converted_by": text(data.get("convertedBy"))}
        if data.get("format") == "graph-model" or "node" in topo:
            if not isinstance(topo.get("node"), list):
                raise DoctorError("a TensorFlow.js graph model.json whose graph has no node list")
            return {"format": "tfjs-graph", "config": None, "keras_version": None,
                    "backend": None, **tags}
        config = topo.get("model_config", topo if "class_name" in topo else None)
        version = text(topo.get("keras_version"))
        gen = tags["generated_by"] or ""
        if not version and gen.startswith("keras v"):
            version = gen[len("keras v"):]
        return {"format": "tfjs", "config": config, "keras_version": version,
                "backend": text(topo.get("backend")), **tags}
    if "class_name" in data and "config" in data:
        return {"format": "json", "config": data, "keras_version": text(data.get("keras_version")),
                "backend": text(data.get("backend"))}
    raise DoctorError(NOT_A_MODEL)
