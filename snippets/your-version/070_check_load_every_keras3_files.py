# /// kb
# outcome = "ok"
# runtimes = ["keras3"]
# needs = {"each keras3:010_check_save_every_case.py" = ["*"]}
# ///
# --8<-- [start:code]
import os

from scan import Scale, load_verdict

# the files every Keras 3 release wrote (one folder per release), loaded by this Keras 3:
# the writer x loader grid
for writer in sorted(os.listdir(".")):
    for ext in ("keras",):  # the native format; .h5 across releases: 030 and 040
        load_verdict(f"{writer} plain.{ext}, default", f"{writer}/plain.{ext}")
        load_verdict(f"{writer} lambda.{ext}, safe_mode=False", f"{writer}/lambda.{ext}",
                     safe_mode=False)
        load_verdict(f"{writer} custom.{ext}, custom_objects", f"{writer}/custom.{ext}",
                     custom_objects={"Scale": Scale})
# --8<-- [end:code]
