# /// kb
# outcome = "raises"
# exception = "OSError"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# needs = {"010_check_save_savedmodel.py" = ["saved_model_dir"]}
# ///
# --8<-- [start:code]
import os
import zipfile

import tensorflow as tf

# An archive unpacked one level too deep: the SavedModel is in export/saved_model_dir/
with zipfile.ZipFile("export.zip", "w") as archive:
    for folder, _, files in os.walk("saved_model_dir"):
        for name in files:
            path = os.path.join(folder, name)
            archive.write(path, os.path.join("export", path))
zipfile.ZipFile("export.zip").extractall("unpacked")

tf.saved_model.load("unpacked/export")
# --8<-- [end:code]
