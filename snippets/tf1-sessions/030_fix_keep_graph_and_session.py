# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.compat.v1.disable_eager_execution()

keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(2, name="dense_1"),
    keras.layers.Lambda(lambda t: t * 2.0, name="double"),  # a Lambda: rebuilt in the graph it is loaded in
]).save("model.h5")

model = keras.models.load_model("model.h5")
graph = tf.compat.v1.get_default_graph()            # keep the graph the model was loaded in
session = tf.compat.v1.keras.backend.get_session()  # and its session (it holds the weights)


def handle_request():
    with graph.as_default(), session.as_default():  # call the model where it lives
        print("prediction:", model.predict(np.ones((1, 4), "float32"), verbose=0).shape)


with ThreadPoolExecutor() as server:  # a web server's worker threads
    server.submit(handle_request).result()
# no keras.backend.clear_session() while the model is in use
# --8<-- [end:code]
