# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import keras
import tensorflow as tf

keras.config.disable_interactive_logging()
inputs = keras.Input(shape=(4,))
x = keras.layers.Lambda(lambda t: keras.ops.relu(t) + 1.0, output_shape=(4,))(inputs)
keras.Model(inputs, keras.layers.Dense(1)(x)).save("model.keras")

model = keras.models.load_model("model.keras", safe_mode=False)  # loads: nothing is called yet
# the loaded Lambda's function has no `keras` in its globals (NameError when called); the
# converter catches that first failure and reports the one of its fallback path
try:
    tf.lite.TFLiteConverter.from_keras_model(model).convert()
except Exception as exc:  # printed as Python prints it when it is not caught
    print(f"{type(exc).__name__}: {exc}")
# --8<-- [end:code]
