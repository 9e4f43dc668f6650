# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.0.*", "keras3==3.7.*", "keras3==3.10.*", "keras3==3.11.3", "keras3>=3.15",
#             "tf-keras>=2.21", "keras2==2.12.*", "keras2==2.13.*", "keras2==2.14.*", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
from tensorflow import keras  # Keras 3, tf-keras or Keras 2, whichever the runtime has


def verdict(case, load):
    try:
        model = load()
        print(f"{case}: loads ({type(model).__name__})")
    except Exception as exc:  # the first line of the message is the verdict
        print(f"{case}: {type(exc).__name__}: {str(exc).splitlines()[0][:150]}")


inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, keras.layers.Lambda(lambda y: y * 2.0)(inputs))
as_json, config = model.to_json(), model.get_config()

verdict("model_from_json(json)", lambda: keras.models.model_from_json(as_json))
verdict("Model.from_config(config)", lambda: keras.Model.from_config(config))
verdict("model_from_json(json, safe_mode=False)",
        lambda: keras.models.model_from_json(as_json, safe_mode=False))
verdict("Model.from_config(config, safe_mode=False)",
        lambda: keras.Model.from_config(config, safe_mode=False))
# the process-wide switch: keras.config in Keras 3, keras.__internal__ in late Keras 2
for where in ("config", "__internal__"):
    switch = getattr(getattr(keras, where, None), "enable_unsafe_deserialization", None)
    if switch:
        switch()  # for the whole process, from here on
        verdict(f"keras.{where}.enable_unsafe_deserialization(), model_from_json(json)",
                lambda: keras.models.model_from_json(as_json))
        verdict(f"keras.{where}.enable_unsafe_deserialization(), Model.from_config(config)",
                lambda: keras.Model.from_config(config))
        break
else:
    print("enable_unsafe_deserialization: not in this release")
# --8<-- [end:code]
