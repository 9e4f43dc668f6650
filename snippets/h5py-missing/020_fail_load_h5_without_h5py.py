# /// kb
# outcome = "raises"
# exception = "ImportError"
# runtimes = ["keras3-noh5py", "tf-keras-noh5py"]
# needs = {"keras3:030_fix_install_h5py.py" = ["model.h5"]}
# ///
# --8<-- [start:code]
from tensorflow import keras

keras.models.load_model("model.h5")  # a good file, written where h5py is installed
# --8<-- [end:code]
