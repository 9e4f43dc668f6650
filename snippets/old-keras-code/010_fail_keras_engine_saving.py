# /// kb
# outcome = "raises"
# exception = "AttributeError"
# runtimes = ["keras2==2.12.*", "keras2==2.15.*", "keras3>=3.15"]
# [expect."keras2>=2.13"]
# outcome = "raises"
# exception = "ModuleNotFoundError"
# [expect."keras3"]
# outcome = "raises"
# exception = "ModuleNotFoundError"
# ///
# --8<-- [start:code]
import h5py
import keras
from keras.engine import saving  # as Mask R-CNN's model.py has it (older: keras.engine.topology)

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, name="dense")])
model.save("mask_rcnn_coco.h5")
with h5py.File("mask_rcnn_coco.h5", "r") as f:
    saving.load_weights_from_hdf5_group_by_name(f["model_weights"], model.layers)
# --8<-- [end:code]
