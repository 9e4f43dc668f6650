# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_save_h5_with_side_effect.py" = ["side_effect.h5"]}
# [expect."keras3>=3.15"]
# outcome = "raises"
# exception = "ValueError"
# ///
# --8<-- [start:code]
import os

import keras

print("pwned.txt before loading:", os.path.exists("pwned.txt"))
try:
    # no safe_mode argument: it defaults to True
    model = keras.models.load_model("side_effect.h5")
finally:
    print("pwned.txt after loading:", os.path.exists("pwned.txt"))
print(open("pwned.txt").read(), end="")
# --8<-- [end:code]
