// --8<-- [start:code]
// run_graph_model.js: node run_graph_model.js web_model/model.json execute|executeAsync '[[...]]'
const tf = require("@tensorflow/tfjs");
const { fromDisk } = require("../tfjs/tfjs_io.js");

async function main([modelJson, how, inputs]) {
  const model = await tf.loadGraphModel(fromDisk(modelJson));
  const x = tf.tensor(JSON.parse(inputs));
  const y = how === "executeAsync" ? await model.executeAsync(x) : model.execute(x);
  console.log(how, JSON.stringify(y.arraySync()));
}

main(process.argv.slice(2)).catch((err) => {
  console.log(`${err.name}: ${err.message}`);
  process.exit(1);
});
// --8<-- [end:code]
