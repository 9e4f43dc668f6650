# /// kb
# outcome = "raises"
# exception = "ModuleNotFoundError"
# runtimes = ["keras2==2.15.*", "keras3==3.10.*"]
# needs = {"keras3:090_check_keras3_pickles_model.py" = ["model.pkl"]}
# [expect."keras3<3.15"]
# outcome = "raises"
# exception = "TypeError"
# ///
# --8<-- [start:code]
import pickle

# A pickle names the classes by their module path in the Keras that wrote it
# (keras.src.models.functional in Keras 3) and holds that Keras's config.
with open("model.pkl", "rb") as f:
    model = pickle.load(f)
# --8<-- [end:code]
