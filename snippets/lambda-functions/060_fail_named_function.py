# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras


def double(y):
    return y * 2


inputs = keras.Input(shape=(10,))
keras.Model(inputs, keras.layers.Lambda(double)(inputs)).save("double_model.h5")

# Stored by name, not as bytecode: safe mode has nothing to refuse, but a loader
# that does not define `double` cannot find it.
loaded = keras.models.load_model("double_model.h5", custom_objects={})
print("loaded:", [type(layer).__name__ for layer in loaded.layers])
# --8<-- [end:code]
