# /// kb
# outcome = "ok"
# runtimes = ["keras3", "tf-keras", "keras2"]
# ///
# --8<-- [start:code]
from scan import save_all

# A Python lambda, a named function, a lambda calling tf.*, a custom layer and plain Dense
# layers, each saved as .h5 and as .keras by this release
save_all()
# --8<-- [end:code]
