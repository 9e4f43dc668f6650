# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The whole story in one notebook
#
# A model with a `Lambda` layer is saved as `.keras` and as `.h5`; loading either file
# fails; the `Lambda` is replaced by a small custom layer; the fixed model is saved,
# loaded back, and predicts exactly what the original did.
#
# The site build runs this notebook from top to bottom, and the outputs below are that
# run's. A cell that should fail is tagged `raises-exception`; if it stops failing, or any
# other cell fails, the build fails. The source is the text file
# `snippets/walkthrough/walkthrough.py` (jupytext percent format).

# %% [markdown]
# ## Set-up
#
# Everything the notebook writes goes into a temporary directory, which is deleted at
# the end. TensorFlow's C++ log lines are turned off before Keras is imported.

# %%
import os
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
start_dir = os.getcwd()
work_dir = tempfile.TemporaryDirectory()
os.chdir(work_dir.name)

import keras
import numpy as np
import tensorflow as tf

print("Keras", keras.__version__, "on TensorFlow", tf.__version__,
      "with the", keras.backend.backend(), "backend")

# %% [markdown]
# ## 1. A model with a Lambda layer
#
# The `Lambda` doubles its input. The test inputs and the original model's predictions
# are kept, to compare with later.

# %%
keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Lambda(lambda y: y * 2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
lambda_model = keras.Model(inputs, outputs)

x_test = np.random.default_rng(0).random((4, 10), dtype=np.float32)
expected = lambda_model.predict(x_test, verbose=0)

lambda_model.save("lambda_model.keras")  # the native format
lambda_model.save("lambda_model.h5")     # the legacy HDF5 format
print(sorted(os.listdir()))

# %% [markdown]
# ## 2. Loading it back fails
#
# The `.keras` file: Keras 3 refuses to deserialize the Python lambda stored in the file.

# %% tags=["raises-exception"] raises="ValueError"
keras.models.load_model("lambda_model.keras")

# %% [markdown]
# The `.h5` file fails the same way on this version.

# %% tags=["raises-exception"] raises="ValueError"
keras.models.load_model("lambda_model.h5")

# %% [markdown]
# ## 3. The fix: a custom layer
#
# The lambda's code becomes a `keras.layers.Layer` subclass; its one parameter, the
# factor, goes into `get_config`, so the file holds only configuration. The new model
# has the same layers otherwise, so it takes the original model's weights.

# %%
class ScaleLayer(keras.layers.Layer):
    """Replaces Lambda(lambda y: y * 2): the factor is config, the code is this class."""

    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


inputs = keras.Input(shape=(10,))
x = keras.layers.Dense(32, activation="relu")(inputs)
x = ScaleLayer(factor=2)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
fixed_model = keras.Model(inputs, outputs)
fixed_model.set_weights(lambda_model.get_weights())

fixed_model.save("scale_model.keras")
fixed_model.save("scale_model.h5")
print(sorted(os.listdir()))

# %% [markdown]
# ## 4. Load it back and compare
#
# Keras must be told what `ScaleLayer` is: without it, loading fails.

# %% tags=["raises-exception"] raises="TypeError"
keras.models.load_model("scale_model.keras")

# %% [markdown]
# With `custom_objects` (or with the class registered, see
# [the fix](../fix-custom-layer/#fix-register)), both files load, and the loaded models
# predict exactly what the original `Lambda` model predicted.

# %%
for path in ["scale_model.keras", "scale_model.h5"]:
    loaded = keras.models.load_model(path, custom_objects={"ScaleLayer": ScaleLayer})
    predicted = loaded.predict(x_test, verbose=0)
    print(f"{path}: identical predictions: {np.array_equal(predicted, expected)}")
    assert np.array_equal(predicted, expected), path

# %% [markdown]
# ## Clean-up
#
# The temporary directory and the model files in it are removed.

# %%
os.chdir(start_dir)
work_dir.cleanup()
print("removed the working directory:", not os.path.exists(work_dir.name))
