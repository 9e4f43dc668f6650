// --8<-- [start:code]
// predict.js: node predict.js tfjs_model/model.json '[[...inputs...]]'
const tf = require("@tensorflow/tfjs");
const { fromDisk } = require("./tfjs_io.js");

tf.loadLayersModel(fromDisk(process.argv[2])).then((model) => {
  const x = tf.tensor(JSON.parse(process.argv[3]));
  console.log(JSON.stringify(model.predict(x).arraySync()));
});
// --8<-- [end:code]
