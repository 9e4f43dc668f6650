# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15"]
# needs = {"010_check_lambda_h5.py" = ["lambda_model.h5"]}
# ///
# --8<-- [start:code]
import os
import subprocess
import sys

os.makedirs("not_a_savedmodel", exist_ok=True)
with open("lambda_model.h5", "rb") as f:
    head = f.read(4096)
with open("truncated.h5", "wb") as f:  # the first 4 KiB of a real model file
    f.write(head)
with open("notes.txt", "w") as f:
    f.write("not a model\n")

for path in ["missing.h5", "not_a_savedmodel", "truncated.h5", "notes.txt"]:
    proc = subprocess.run([sys.executable, "-m", "keras_doctor", path], capture_output=True, text=True)
    print(f"$ keras-doctor {path}   (exit status {proc.returncode})")
    print(proc.stdout + proc.stderr, end="")
# --8<-- [end:code]
