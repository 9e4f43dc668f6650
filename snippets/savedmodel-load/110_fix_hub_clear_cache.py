# /// kb
# outcome = "ok"
# runtimes = ["tf-keras>=2.21"]
# needs = {"100_fail_hub_broken_cache.py" = ["tfhub_cache"]}
# ///
# --8<-- [start:code]
import hashlib
import os
import shutil

import tensorflow as tf

os.environ["TFHUB_CACHE_DIR"] = os.path.abspath("tfhub_cache")
import tensorflow_hub as hub  # noqa: E402

# Remove every cached module without a saved_model.pb; the next hub.load downloads again.
for name in sorted(os.listdir("tfhub_cache")):
    folder = os.path.join("tfhub_cache", name)
    if os.path.isdir(folder) and not any(
            os.path.exists(os.path.join(folder, f)) for f in ("saved_model.pb", "saved_model.pbtxt")):
        print("removing the broken cache entry", name)
        shutil.rmtree(folder)

# Stand-in for that download (this example stays offline): a complete SavedModel in the
# same folder, which hub.load then uses.
handle = "https://tfhub.dev/google/nnlm-en-dim50/2"
module = tf.Module()
module.factor = tf.Variable(2.0)
module.double = tf.function(lambda x: x * module.factor,
                            input_signature=[tf.TensorSpec([None], tf.float32)])
tf.saved_model.save(module, os.path.join("tfhub_cache", hashlib.sha1(handle.encode("utf8")).hexdigest()))
loaded = hub.load(handle)
print(loaded.double(tf.constant([1.0, 2.0])).numpy())
# --8<-- [end:code]
