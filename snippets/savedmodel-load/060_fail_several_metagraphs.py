# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import tensorflow as tf

# A TensorFlow 1 style SavedModel with two MetaGraphs ("train" and "serve"), as TF1
# Estimators and older exporters wrote them.
graph = tf.Graph()
with graph.as_default(), tf.compat.v1.Session() as session:
    x = tf.compat.v1.placeholder(tf.float32, [None, 3], name="x")
    y = tf.identity(x * 2.0, name="y")
    signature = tf.compat.v1.saved_model.predict_signature_def({"x": x}, {"y": y})
    builder = tf.compat.v1.saved_model.Builder("tf1_model")
    builder.add_meta_graph_and_variables(session, ["train"],
                                         signature_def_map={"serving_default": signature})
    builder.add_meta_graph(["serve"], signature_def_map={"serving_default": signature})
    builder.save()

tf.saved_model.load("tf1_model")
# --8<-- [end:code]
