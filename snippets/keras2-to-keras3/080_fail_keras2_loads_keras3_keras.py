# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras2==2.15.*"]
# needs = {"keras3:060_check_keras3_saves_h5.py" = ["keras3_model.keras"]}
# ///
# --8<-- [start:code]
from tensorflow import keras

keras.models.load_model("keras3_model.keras")
# --8<-- [end:code]
