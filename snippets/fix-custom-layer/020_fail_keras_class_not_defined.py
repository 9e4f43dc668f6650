# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# needs = {"010_fix_scale_layer_custom_objects.py" = ["scale_model.keras"]}
# ///
# --8<-- [start:code]
from tensorflow import keras  # the Keras TensorFlow uses: Keras 3, tf-keras or Keras 2

# A new process that never defines (or imports) ScaleLayer.
keras.models.load_model("scale_model.keras")
# --8<-- [end:code]
