# /// kb
# outcome = "raises"
# exception = "SystemExit"
# runtimes = ["tfjs"]
# ///
# --8<-- [start:code]
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "sequential_roundtrip.js"), "without"],
                      capture_output=True, text=True)
print(node.stdout, end="")
sys.exit(node.returncode)
# --8<-- [end:code]
