# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.12.4", "keras3>=3.15", "keras3-convert"]
# ///
# --8<-- [start:code]
import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
keras.config.disable_interactive_logging()  # the converter's model.export() lists its endpoints
model = keras.Sequential([
    keras.Input(shape=(4,)),  # the input shape the converter traces the model with
    keras.layers.Dense(3, activation="relu"),
    keras.layers.Dense(1),
])

converter = tf.lite.TFLiteConverter.from_keras_model(model)
with open("model.tflite", "wb") as f:
    f.write(converter.convert())

x_test = np.random.default_rng(0).random((2, 4), dtype=np.float32)
np.save("x_test.npy", x_test)
np.save("expected.npy", model.predict(x_test, verbose=0))
print("model.tflite is a TFLite flatbuffer:", open("model.tflite", "rb").read()[4:8] == b"TFL3")
# --8<-- [end:code]
