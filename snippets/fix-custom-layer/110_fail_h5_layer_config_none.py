# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"105_check_old_h5_config_none.py" = ["old_model.h5"]}
# ///
# --8<-- [start:code]
import keras
import my_layers  # noqa: F401  (registers PowerLayer)

keras.models.load_model("old_model.h5")  # its PowerLayer's config is null
# --8<-- [end:code]
