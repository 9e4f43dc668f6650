# /// kb
# outcome = "raises"
# exception = "SystemExit"
# runtimes = ["tfjs"]
# needs = {"070_fix_patch_keras3_model_json.py" = ["tfjs_fixed"]}
# ///
# --8<-- [start:code]
import os
import shutil
import subprocess
import sys

# model.json with a weight file that is not the one it was written with: here the shard
# cut short, as an interrupted copy or a git-lfs pointer leaves it
shutil.copytree("tfjs_fixed", "served_model")
shard = "served_model/group1-shard1of1.bin"
data = open(shard, "rb").read()
open(shard, "wb").write(data[:40])  # 10 of its 19 float32 values

here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "load_model.js"), "served_model/model.json"],
                      capture_output=True, text=True)
print(node.stdout, end="")
sys.exit(node.returncode)
# --8<-- [end:code]
