# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras2==2.15.*"]
# needs = {"keras3:060_check_keras3_saves_h5.py" = ["keras3_model.h5"]}
# ///
# --8<-- [start:code]
from tensorflow import keras  # Keras 2.15, loading a file Keras 3 wrote

keras.models.load_model("keras3_model.h5")
# --8<-- [end:code]
