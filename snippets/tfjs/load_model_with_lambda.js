// --8<-- [start:code]
// load_model_with_lambda.js: node load_model_with_lambda.js tfjs_model/model.json
// TensorFlow.js cannot run Python. Give it a JavaScript class named "Lambda" that does
// what the Python lambda did (y * 2), registered under the class name the model uses.
const tf = require("@tensorflow/tfjs");
const { fromDisk } = require("./tfjs_io.js");

class Lambda extends tf.layers.Layer {
  static className = "Lambda";

  call(inputs) {
    return tf.tidy(() => tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, 2));
  }

  computeOutputShape(inputShape) {
    return inputShape;
  }
}
tf.serialization.registerClass(Lambda);

tf.loadLayersModel(fromDisk(process.argv[2])).then((model) => {
  const x = tf.tensor(JSON.parse(process.argv[3]));
  console.log(JSON.stringify(model.predict(x).arraySync()));
});
// --8<-- [end:code]
