# /// kb
# outcome = "raises"
# exception = "SystemExit"
# runtimes = ["tfjs"]
# needs = {"010_check_convert_keras2_h5.py" = ["tfjs_model"]}
# ///
# --8<-- [start:code]
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))  # where load_model.js lives
node = subprocess.run(["node", os.path.join(here, "load_model.js"), "tfjs_model/model.json"],
                      capture_output=True, text=True)
print(node.stdout, end="")
sys.exit(node.returncode)
# --8<-- [end:code]
