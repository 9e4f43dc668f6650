# /// kb
# outcome = "ok"
# runtimes = ["keras3-jax"]
# needs = {"keras3:010_check_save_tensorflow_backend.py" = ["tf_lambda.keras", "x.npy", "lambda_expected.npy"]}
# ///
# --8<-- [start:code]
import keras
import numpy as np

print("backend:", keras.backend.backend())
# the same architecture with keras.ops in place of tf.math; the weights come from the file
# written under TensorFlow (weights do not depend on the backend; nothing in the file runs)
inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(3)(inputs)
outputs = keras.layers.Lambda(lambda t: keras.ops.softplus(t))(hidden)
model = keras.Model(inputs, outputs)
model.load_weights("tf_lambda.keras")
same = np.allclose(model.predict(np.load("x.npy"), verbose=0), np.load("lambda_expected.npy"), atol=1e-6)
print("same predictions as the tf.math Lambda under TensorFlow:", same)
# --8<-- [end:code]
