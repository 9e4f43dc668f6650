# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["kerashub<0.32"]
# needs = {"kerashub>=0.32:010_check_save_preset.py" = ["qwen3_preset"]}
# ///
# --8<-- [start:code]
import keras_hub

print("keras-hub", keras_hub.__version__)
keras_hub.models.Backbone.from_preset("qwen3_preset")  # saved by a newer keras-hub
# --8<-- [end:code]
