# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "tf-keras>=2.21", "keras2==2.15.*"]
# needs = {"010_fix_scale_layer_custom_objects.py" = ["scale_model.h5"]}
# ///
# --8<-- [start:code]
from tensorflow import keras  # the Keras TensorFlow uses: Keras 3, tf-keras or Keras 2

# The same model saved as .h5, loaded where ScaleLayer is unknown.
keras.models.load_model("scale_model.h5")
# --8<-- [end:code]
