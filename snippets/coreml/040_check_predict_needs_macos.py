# /// kb
# outcome = "raises"
# exception = "Exception"
# runtimes = ["keras3-convert"]
# needs = {"030_fix_concrete_function.py" = ["model.mlpackage"]}
# ///
# --8<-- [start:code]
import coremltools as ct
import numpy as np

mlmodel = ct.models.MLModel("model.mlpackage")
mlmodel.predict({"features": np.ones((1, 4), np.float32)})  # Core ML itself runs on Apple systems
# --8<-- [end:code]
