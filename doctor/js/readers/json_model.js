// readers/json_model.py: JSON: a TensorFlow.js model.json (layers or graph model) or
// model.to_json().
import { DoctorError } from "../errors.js";
import { checkSize, get, has, isDict, loadJson, readAll, text } from "./common.js";

const NOT_A_MODEL = "a JSON file that is not a model (no modelTopology or model config)";

export function readModelJson(source) {
  checkSize(source, "model.json");
  const data = loadJson(readAll(source), source.name || "the JSON file");
  if (!isDict(data)) throw new DoctorError(NOT_A_MODEL);
  const format = get(data, "format");
  if (has(data, "modelTopology") || format === "layers-model" || format === "graph-model") {
    const topo = get(data, "modelTopology");
    if (!isDict(topo)) {
      throw new DoctorError("a TensorFlow.js model.json without a modelTopology object");
    }
    const tags = { generated_by: text(get(data, "generatedBy")),
                   converted_by: text(get(data, "convertedBy")) };
    if (format === "graph-model" || has(topo, "node")) {
      if (!Array.isArray(get(topo, "node"))) {
        throw new DoctorError("a TensorFlow.js graph model.json whose graph has no node list");
      }
      return { format: "tfjs-graph", config: null, keras_version: null, backend: null, ...tags };
    }
    const config = has(topo, "model_config") ? topo.model_config : has(topo, "class_name") ? topo : null;
    let version = text(get(topo, "keras_version"));
    const gen = tags.generated_by || "";
    if (!version && gen.startsWith("keras v")) version = gen.slice("keras v".length);
    return { format: "tfjs", config, keras_version: version, backend: text(get(topo, "backend")),
             ...tags };
  }
  if (has(data, "class_name") && has(data, "config")) {
    return { format: "json", config: data, keras_version: text(get(data, "keras_version")),
             backend: text(get(data, "backend")) };
  }
  throw new DoctorError(NOT_A_MODEL);
}
