# /// kb
# outcome = "ok"
# runtimes = ["keras2==2.15.*"]
# ///
# --8<-- [start:code]
import shutil

import tensorflow as tf
from tensorflow import keras  # Keras 2.15

from case import case, report

# Input plus three Dense: built-in layers only (Keras 3 loads this .h5 file)
plain = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3),
                          keras.layers.Dense(2), keras.layers.Dense(1)])
plain.save(f"{case('keras2-plain-h5')}/model.h5")
report("keras2-plain-h5", "model.h5")
plain.save(f"{case('keras2-plain-keras')}/model.keras")
report("keras2-plain-keras", "model.keras")

# a TensorFlow op on a Keras tensor: a TFOpLambda layer
inputs = keras.Input(shape=(4,))
x = tf.math.pow(keras.layers.Dense(2)(inputs), 2)
tfop = keras.Model(inputs, keras.layers.Dense(1)(x))
tfop.save(f"{case('keras2-tfoplambda-h5')}/model.h5")
report("keras2-tfoplambda-h5", "model.h5")
tfop.save(f"{case('keras2-savedmodel')}/saved")  # no extension: a SavedModel directory
shutil.rmtree("keras2-savedmodel/saved/variables")  # the doctor reads the .pb files only
shutil.rmtree("keras2-savedmodel/saved/assets", ignore_errors=True)
report("keras2-savedmodel", "saved")


# a Lambda in TimeDistributed and a class without get_config, in a SavedModel: its
# keras_metadata.pb holds the Lambda's bytecode (as a tuple); tf-keras revives the class
# from the SavedModel without custom_objects
class AddOne(keras.layers.Layer):
    def call(self, x):
        return x + 1.0


seq = keras.Input(shape=(3, 4))
x = keras.layers.TimeDistributed(keras.layers.Lambda(lambda y: y * 2))(seq)
keras.Model(seq, AddOne()(x)).save(f"{case('keras2-lambda-savedmodel')}/saved")
shutil.rmtree("keras2-lambda-savedmodel/saved/variables")
shutil.rmtree("keras2-lambda-savedmodel/saved/assets", ignore_errors=True)
report("keras2-lambda-savedmodel", "saved")
# --8<-- [end:code]
