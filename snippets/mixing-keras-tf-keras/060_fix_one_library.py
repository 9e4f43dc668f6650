# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import numpy as np

import keras  # one library for everything: layers, optimizer, callbacks, loading
# (or, for tf-keras code: `import tf_keras as keras`, and nothing else)


def library(obj):
    return type(obj).__module__.split(".")[0]


@keras.saving.register_keras_serializable(package="demo")
class Double(keras.layers.Layer):
    def call(self, x):
        return x * 2


inputs = keras.Input(shape=(3,))
model = keras.Model(inputs, keras.layers.Dense(2)(Double()(inputs)))
optimizer = keras.optimizers.Adam()
stop = keras.callbacks.EarlyStopping(monitor="loss")
print("libraries:", {library(o) for o in (model, model.layers[-1], optimizer, stop)})

model.compile(optimizer=optimizer, loss="mse")
model.fit(np.ones((4, 3)), np.ones((4, 2)), epochs=1, verbose=0, callbacks=[stop])
model.save("double.keras")
print("reloaded:", type(keras.models.load_model("double.keras")).__name__)
# --8<-- [end:code]
