# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["tf-keras>=2.21"]
# ///
# --8<-- [start:code]
import hashlib
import os

# A download that was cut off leaves a folder in the TF Hub cache that is not empty but
# holds no saved_model.pb. Made by hand here (nothing is downloaded): hub names the folder
# after the SHA-1 of the handle, under TFHUB_CACHE_DIR (default: <tmp>/tfhub_modules).
os.environ["TFHUB_CACHE_DIR"] = os.path.abspath("tfhub_cache")
handle = "https://tfhub.dev/google/nnlm-en-dim50/2"
folder = os.path.join("tfhub_cache", hashlib.sha1(handle.encode("utf8")).hexdigest())
os.makedirs(os.path.join(folder, "variables"))

import tensorflow_hub as hub  # noqa: E402

hub.load(handle)  # the folder is there and not empty: hub does not download again
# --8<-- [end:code]
