# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# ///
# --8<-- [start:code]
import h5py
import numpy as np

names = [f"block{i:03d}_" + "conv_bn_relu_" * 80 for i in range(100)]
data = np.array([name.encode("utf8") for name in names])

with h5py.File("weights.h5", "w") as f:
    f["layer_names"] = data  # a dataset: stored outside the object header, no 64 KB limit
    # or keep attributes, each under 64 KB, as Keras does: layer_names0, layer_names1, ...
    for i, chunk in enumerate(np.array_split(data, -(-data.nbytes // 64000))):
        f.attrs[f"layer_names{i}"] = chunk

with h5py.File("weights.h5", "r") as f:
    print("dataset:", len(f["layer_names"]), "names")
    print("attributes:", sorted(f.attrs), sum(len(f.attrs[k]) for k in f.attrs), "names")
# --8<-- [end:code]
