# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# needs = {"010_check_lambda_h5.py" = ["lambda_model.h5"]}
# ///
# --8<-- [start:code]
from keras_doctor import main

main(["lambda_model.h5", "--json"])  # keras-doctor lambda_model.h5 --json
# --8<-- [end:code]
