# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# needs = {"keras2:010_check_keras2_saves_models.py" = ["keras2_tfop.h5", "x_test.npy", "expected_tfop.npy"]}
# ///
# --8<-- [start:code]
# pip install tf-keras; TF_USE_LEGACY_KERAS=1 makes `tf.keras` this Keras 2 as well
import numpy as np
import tf_keras

model = tf_keras.models.load_model("keras2_tfop.h5")
print("layers:", [type(layer).__name__ for layer in model.layers])
predicted = model.predict(np.load("x_test.npy"), verbose=0)
print("identical predictions:", np.array_equal(predicted, np.load("expected_tfop.npy")))
# --8<-- [end:code]
