# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"keras3-py3.12:060_check_save_on_python312.py" = ["slice_py312.h5"]}
# ///
# --8<-- [start:code]
from keras_doctor import main  # the keras-doctor command, called from Python

main(["slice_py312.h5"])  # on Python 3.11: which Python wrote the lambda, and what follows
# --8<-- [end:code]
