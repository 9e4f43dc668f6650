# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15"]
# needs = {"keras2:010_check_keras2_saves_models.py" = ["keras2_lambda.h5"]}
# ///
# --8<-- [start:code]
import keras  # Keras 3, loading the file Keras 2.15 wrote

keras.models.load_model("keras2_lambda.h5")
# --8<-- [end:code]
