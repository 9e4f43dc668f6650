# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras2==2.15.*"]
# needs = {"130_check_keras2_savedmodel_custom_rnn_cell.py" = ["rnn_savedmodel"]}
# ///
# --8<-- [start:code]
from tensorflow import keras

# a loading script that does not define MinimalCell
keras.models.load_model("rnn_savedmodel")
# --8<-- [end:code]
