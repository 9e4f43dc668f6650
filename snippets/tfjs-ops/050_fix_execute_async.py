# /// kb
# outcome = "ok"
# runtimes = ["tfjs"]
# needs = {"040_fail_dynamic_op_execute.py" = ["web_model"]}
# ///
# --8<-- [start:code]
import os
import subprocess

here = os.path.dirname(os.path.abspath(__file__))
node = subprocess.run(["node", os.path.join(here, "run_graph_model.js"), "web_model/model.json",
                       "executeAsync", "[[0.1, 0.9, 0.7, 0.2]]"],
                      capture_output=True, text=True, check=True)
print(node.stdout, end="")
# --8<-- [end:code]
