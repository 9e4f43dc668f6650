// --8<-- [start:code]
// tfjs_io.js: a tf.io.IOHandler that reads a converted model (model.json and its
// weight shards) from disk, so plain @tensorflow/tfjs can load it in Node.
const fs = require("fs");
const path = require("path");

function fromDisk(modelJsonPath) {
  return {
    load: async () => {
      const model = JSON.parse(fs.readFileSync(modelJsonPath, "utf8"));
      const weightSpecs = [];
      const shards = [];
      for (const group of model.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) {
          shards.push(fs.readFileSync(path.join(path.dirname(modelJsonPath), p)));
        }
      }
      const data = Buffer.concat(shards);
      return {
        modelTopology: model.modelTopology,
        weightSpecs,
        weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
      };
    },
  };
}

module.exports = { fromDisk };
// --8<-- [end:code]
