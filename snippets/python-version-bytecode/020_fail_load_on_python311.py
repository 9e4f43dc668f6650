# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras2==2.15.*", "keras3==3.10.*", "keras3>=3.15"]
# needs = {"keras2-py3.10:010_check_save_on_python310.py" = ["lambda_py310.h5"]}
# ///
# --8<-- [start:code]
import platform

import keras

print("Python", platform.python_version(), "/ Keras", keras.__version__)
model = keras.models.load_model("lambda_py310.h5", safe_mode=False)  # a file you trust
# --8<-- [end:code]
