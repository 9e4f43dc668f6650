# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.12.*", "tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import json

from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, name="dense")], name="sequential")
new_form = json.loads(model.to_json())

# for a reader stuck on an old Keras: the old form is the list of layers alone
old_form = dict(new_form, config=new_form["config"]["layers"])
print("old form:", type(old_form["config"]).__name__, len(old_form["config"]), "layers")

# Keras 2 and tf-keras read both
for name, form in [("new", new_form), ("old", old_form)]:
    loaded = keras.models.model_from_json(json.dumps(form))
    print(name, "form loads:", [layer.name for layer in loaded.layers])
# --8<-- [end:code]
