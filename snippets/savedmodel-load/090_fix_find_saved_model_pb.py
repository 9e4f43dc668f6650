# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# needs = {"080_fail_file_does_not_exist.py" = ["unpacked"]}
# ///
# --8<-- [start:code]
from pathlib import Path

import tensorflow as tf

# A SavedModel is the folder that holds saved_model.pb (beside variables/), not a
# folder above it, a .keras/.h5 file, or the variables/ folder.
found = sorted(Path("unpacked").rglob("saved_model.pb*"))
print("found:", [p.as_posix() for p in found])
loaded = tf.saved_model.load(str(found[0].parent))
print("signatures:", list(loaded.signatures))
# --8<-- [end:code]
