# /// kb
# outcome = "ok"
# runtimes = ["keras2-py3.10"]
# needs = {"010_check_save_on_python310.py" = ["lambda_py310.h5"]}
# ///
# --8<-- [start:code]
import keras


class Double(keras.layers.Layer):
    def call(self, x):
        return x * 2.0


# Still on the old Python, where the bytecode loads: move the weights into a model
# whose Lambda is a layer class, and save that. The file stores the class name only.
old = keras.models.load_model("lambda_py310.h5", safe_mode=False)  # your own file
inputs = keras.Input(shape=(2,))
hidden = keras.layers.Dense(2, name="dense")(inputs)
new = keras.Model(inputs, Double(name="double")(hidden))
new.set_weights(old.get_weights())
new.save("double_py310.h5")
print("saved with layers:", [layer.__class__.__name__ for layer in new.layers])
# --8<-- [end:code]
