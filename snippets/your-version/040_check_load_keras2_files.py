# /// kb
# outcome = "ok"
# runtimes = ["keras3"]
# needs = {"each keras2:010_check_save_every_case.py" = ["*"]}
# ///
# --8<-- [start:code]
import os

from scan import Scale, load_verdict

# the files every Keras 2 release wrote (one folder per release), loaded by this Keras 3
for writer in sorted(os.listdir(".")):
    for name in ("plain", "lambda", "named", "tf_call", "tfop"):
        for ext in ("h5", "keras"):
            load_verdict(f"{writer} {name}.{ext}, default", f"{writer}/{name}.{ext}")
    for ext in ("h5", "keras"):
        load_verdict(f"{writer} lambda.{ext}, safe_mode=False", f"{writer}/lambda.{ext}",
                     safe_mode=False)
        load_verdict(f"{writer} custom.{ext}, custom_objects", f"{writer}/custom.{ext}",
                     custom_objects={"Scale": Scale})
# --8<-- [end:code]
