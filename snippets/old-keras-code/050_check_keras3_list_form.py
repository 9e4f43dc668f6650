# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras

# a Sequential model's JSON in the old list form, as early Keras 2 wrote it
old_json = """{"class_name": "Sequential", "keras_version": "2.0.8", "backend": "tensorflow",
 "config": [{"class_name": "Dense", "config": {"name": "dense_1", "units": 2,
   "batch_input_shape": [null, 4], "dtype": "float32"}}]}"""
try:
    keras.models.model_from_json(old_json)
except TypeError as e:  # its message goes on with the whole config
    print("TypeError:", str(e).splitlines()[0], str(e).splitlines()[1])
# --8<-- [end:code]
