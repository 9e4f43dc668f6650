# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"090_check_keras3_pickles_model.py" = ["model.pkl", "x_test.npy", "expected.npy"]}
# ///
# --8<-- [start:code]
import pickle

import keras
import numpy as np

# Unpickle with the Keras version that pickled it (the same one: 3.15) ...
with open("model.pkl", "rb") as f:
    model = pickle.load(f)
predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected.npy")))

# ... then keep it in a form that does not depend on module paths: the weights
model.save_weights("model.weights.h5")
print("saved model.weights.h5 with keras", keras.__version__)
# --8<-- [end:code]
