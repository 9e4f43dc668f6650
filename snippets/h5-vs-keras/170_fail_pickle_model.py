# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras3<3.3"]
# ///
# --8<-- [start:code]
import pickle

import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
# what multiprocessing, joblib or a cache does with a model passed to a worker
pickle.dumps(model)
# --8<-- [end:code]
