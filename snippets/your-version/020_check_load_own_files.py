# /// kb
# outcome = "ok"
# runtimes = ["keras3", "tf-keras", "keras2"]
# needs = {"010_check_save_every_case.py" = ["*"]}
# ///
# --8<-- [start:code]
from scan import Scale, load_verdict

# each file, loaded back by the release that wrote it
for name in ("lambda", "named", "tf_call", "tfop"):
    for ext in ("h5", "keras"):
        load_verdict(f"{name}.{ext}, default", f"{name}.{ext}")
        load_verdict(f"{name}.{ext}, safe_mode=False", f"{name}.{ext}", safe_mode=False)
for ext in ("h5", "keras"):
    load_verdict(f"custom.{ext}, without custom_objects", f"custom.{ext}")
    load_verdict(f"custom.{ext}, custom_objects", f"custom.{ext}", custom_objects={"Scale": Scale})
    load_verdict(f"plain.{ext}, default", f"plain.{ext}")
for ext in ("h5", "keras"):  # a registered class, before and after its module is imported
    load_verdict(f"registered.{ext}, its module not imported", f"registered.{ext}")
import registered_layer  # noqa: E402,F401  (registers Twice)

for ext in ("h5", "keras"):
    load_verdict(f"registered.{ext}, its module imported", f"registered.{ext}")
# --8<-- [end:code]
