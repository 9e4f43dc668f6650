# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*"]
# needs = {"keras3:060_check_keras3_saves_h5.py" = ["keras3_model.keras"]}
# ///
# --8<-- [start:code]
import keras  # Keras 3.10, loading a .keras file that Keras 3.15 wrote

keras.models.load_model("keras3_model.keras")
# --8<-- [end:code]
