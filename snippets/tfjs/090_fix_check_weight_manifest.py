# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# needs = {"080_fail_tensor_should_have_values.py" = ["served_model"], "070_fix_patch_keras3_model_json.py" = ["tfjs_fixed"]}
# ///
# --8<-- [start:code]
import json
import os
import shutil

import numpy as np

BYTES = {"float32": 4, "int32": 4, "uint8": 1, "uint16": 2, "float16": 2, "bool": 1}


def check(model_dir):
    """Bytes each weight group needs (from model.json) against the shard files on disk."""
    model_json = json.load(open(os.path.join(model_dir, "model.json")))
    for group in model_json["weightsManifest"]:
        need = sum(int(np.prod(w["shape"])) * BYTES[w.get("quantization", w)["dtype"]]
                   for w in group["weights"])
        have = sum(os.path.getsize(os.path.join(model_dir, p)) for p in group["paths"])
        print(f"{model_dir}: {group['paths']}: model.json needs {need} bytes, files have {have}")
    return need == have


if not check("served_model"):
    # copy model.json and every shard of one conversion together
    shutil.rmtree("served_model")
    shutil.copytree("tfjs_fixed", "served_model")
print("matches:", check("served_model"))
# --8<-- [end:code]
