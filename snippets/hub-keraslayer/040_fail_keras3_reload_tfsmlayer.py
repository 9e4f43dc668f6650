# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15"]
# needs = {"030_fix_keras3_tfsmlayer.py" = ["with_tfsmlayer.keras", "hub_module"]}
# ///
# --8<-- [start:code]
import keras

keras.models.load_model("with_tfsmlayer.keras")
# --8<-- [end:code]
