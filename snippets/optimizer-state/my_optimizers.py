# --8<-- [start:code]
import keras


# a custom optimizer under a package prefix, as TensorFlow Addons registered "Addons>AdamW"
@keras.utils.register_keras_serializable(package="Addons")
class MyAdam(keras.optimizers.Adam):
    pass
# --8<-- [end:code]
