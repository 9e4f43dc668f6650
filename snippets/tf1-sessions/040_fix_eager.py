# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import tensorflow as tf
from tensorflow import keras

# no tf.compat.v1.disable_eager_execution(): TensorFlow 2 runs eagerly, there is no graph to be in
print("eager:", tf.executing_eagerly())

keras.Sequential([
    keras.Input(shape=(4,)),
    keras.layers.Dense(2, name="dense_1"),
    keras.layers.Lambda(lambda t: t * 2.0, name="double"),
]).save("model.keras")
model = keras.models.load_model("model.keras", safe_mode=False)  # a Lambda: only a file you trust


def handle_request():  # another thread, no graph or session to carry
    print("prediction:", model.predict(np.ones((1, 4), "float32"), verbose=0).shape)


with ThreadPoolExecutor() as server:  # a web server's worker threads
    server.submit(handle_request).result()
keras.backend.clear_session()  # harmless now: the model keeps its weights
handle_request()
# --8<-- [end:code]
