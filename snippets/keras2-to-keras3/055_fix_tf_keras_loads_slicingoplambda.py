# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# needs = {"keras2:012_check_keras2_saves_slicing.py" = ["keras2_slicing.h5", "x_test.npy", "expected_slicing.npy"]}
# ///
# --8<-- [start:code]
# pip install tf-keras: the Keras 2 API on current TensorFlow reads the Keras 2 file
import numpy as np
import tf_keras

model = tf_keras.models.load_model("keras2_slicing.h5")
print("layers:", [type(layer).__name__ for layer in model.layers])
predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected_slicing.npy")))
# --8<-- [end:code]
