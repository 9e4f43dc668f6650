// --8<-- [start:code]
// register_softsign.js: node register_softsign.js web_model/model.json '[[...]]'
const tf = require("@tensorflow/tfjs");
const { fromDisk } = require("../tfjs/tfjs_io.js");

// the op TF.js does not have, from ops it has: softsign(x) = x / (1 + |x|)
tf.registerOp("Softsign", (node) => {
  const x = node.inputs[0];
  return tf.div(x, tf.add(1, tf.abs(x)));
});

tf.loadGraphModel(fromDisk(process.argv[2])).then((model) => {
  const y = model.execute(tf.tensor(JSON.parse(process.argv[3])));
  console.log(JSON.stringify(y.arraySync()));
});
// --8<-- [end:code]
