# /// kb
# outcome = "raises"
# exception = "OSError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import h5py
import numpy as np

# a deep model's layer names: 100 names of about 1 KB (nested blocks give long names)
names = [f"block{i:03d}_" + "conv_bn_relu_" * 80 for i in range(100)]

with h5py.File("weights.h5", "w") as f:
    # all names in one attribute, as old Keras wrote them (h5py made the list a fixed-length
    # string array, as np.array does here): about 100 KB, over HDF5's 64 KB for one attribute
    f.attrs["layer_names"] = np.array([name.encode("utf8") for name in names])
# --8<-- [end:code]
