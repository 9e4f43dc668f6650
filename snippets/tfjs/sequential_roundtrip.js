// --8<-- [start:code]
// sequential_roundtrip.js: node sequential_roundtrip.js without|with
// A tf.sequential() model saved and loaded again (in memory here; the same happens with
// indexeddb://, localstorage:// or files). "without": the first layer has no inputShape,
// the model is built by calling it on a tf.input instead.
const tf = require("@tensorflow/tfjs");

async function main(variant) {
  const model = tf.sequential();
  if (variant === "without") {
    const first = tf.layers.dense({ units: 3 });
    first.apply(tf.input({ shape: [4] }));
    model.add(first);
  } else {
    model.add(tf.layers.dense({ units: 3, inputShape: [4] }));
  }
  model.add(tf.layers.dense({ units: 1 }));
  const saved = await model.save(tf.io.withSaveHandler(async (artifacts) => {
    main.artifacts = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  console.log("saved:", saved.modelArtifactsInfo.modelTopologyType);
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(main.artifacts));
  console.log("loaded, input shape:", JSON.stringify(loaded.inputs[0].shape));
}

main(process.argv[2]).catch((err) => {
  console.log(`${err.name}: ${err.message}`);
  process.exit(1);
});
// --8<-- [end:code]
