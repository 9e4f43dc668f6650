# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15"]
# needs = {"keras3:070_check_save_npz_weights.py" = ["npz_weights.keras"]}
# ///
# --8<-- [start:code]
import keras

model = keras.models.load_model("npz_weights.keras")  # its weights are model.weights.npz
print("loaded:", [w.shape for w in model.get_weights()])
# --8<-- [end:code]
