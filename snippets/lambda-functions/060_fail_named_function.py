# /// kb
# outcome = "raises"
# exception = "TypeError"
# runtimes = ["keras3"]
# ///
# --8<-- [start:code]
import keras


def double(y):
    return y * 2


inputs = keras.Input(shape=(10,))
keras.Model(inputs, keras.layers.Lambda(double)(inputs)).save("double_model.h5")

# Stored by name, not as bytecode: safe mode has nothing to refuse, but a loader
# that does not define `double` cannot find it.
keras.models.load_model("double_model.h5", custom_objects={})
# --8<-- [end:code]
