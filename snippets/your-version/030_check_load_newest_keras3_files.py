# /// kb
# outcome = "ok"
# runtimes = ["keras3", "tf-keras", "keras2"]
# needs = {"keras3:010_check_save_every_case.py" = ["*"]}
# ///
# --8<-- [start:code]
from scan import Scale, load_verdict

# the files the newest Keras 3 wrote, loaded by this release (a newer file, an older Keras)
for name in ("plain", "lambda", "named", "tf_call", "tfop"):
    for ext in ("h5", "keras"):
        load_verdict(f"{name}.{ext}, default", f"{name}.{ext}")
for ext in ("h5", "keras"):
    load_verdict(f"lambda.{ext}, safe_mode=False", f"lambda.{ext}", safe_mode=False)
    load_verdict(f"custom.{ext}, custom_objects", f"custom.{ext}", custom_objects={"Scale": Scale})
# --8<-- [end:code]
