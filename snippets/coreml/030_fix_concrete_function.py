# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# ///
# --8<-- [start:code]
import os

os.environ["TQDM_DISABLE"] = "1"

import coremltools as ct
import keras
import tensorflow as tf

model = keras.Sequential([keras.Input(shape=(4,), name="features"),
                          keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])

# give the converter a TensorFlow function, not the Keras object
serve = tf.function(lambda x: model(x),
                    input_signature=[tf.TensorSpec((None, 4), tf.float32, name="features")])
mlmodel = ct.convert([serve.get_concrete_function()], source="tensorflow",
                     inputs=[ct.TensorType(name="features", shape=(1, 4))])
mlmodel.save("model.mlpackage")
spec = mlmodel.get_spec()
print("inputs:", [i.name for i in spec.description.input],
      "outputs:", [o.name for o in spec.description.output])
print("model.mlpackage:", sorted(os.listdir("model.mlpackage")))
# --8<-- [end:code]
