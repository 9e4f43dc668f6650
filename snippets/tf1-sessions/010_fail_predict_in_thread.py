# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.compat.v1.disable_eager_execution()  # TF1 graphs and sessions, as old code (or its template) asks

keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, name="dense_1")]).save("model.h5")
model = keras.models.load_model("model.h5")  # loaded at start-up, in the main thread


def handle_request():  # a Flask request handler: another thread
    print(model.predict(np.ones((1, 4), "float32"), verbose=0))


with ThreadPoolExecutor() as server:  # a web server's worker threads
    server.submit(handle_request).result()
# --8<-- [end:code]
