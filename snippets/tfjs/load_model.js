// --8<-- [start:code]
// load_model.js: node load_model.js tfjs_model/model.json
const tf = require("@tensorflow/tfjs");
const { fromDisk } = require("./tfjs_io.js");

tf.loadLayersModel(fromDisk(process.argv[2]))
  .then((model) => console.log("loaded", model.layers.map((l) => l.getClassName())))
  .catch((err) => {
    console.log(`${err.name}: ${err.message}`);
    process.exit(1);
  });
// --8<-- [end:code]
