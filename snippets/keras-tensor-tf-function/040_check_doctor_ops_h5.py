# /// kb
# outcome = "ok"
# runtimes = ["keras3==3.10.*", "keras3>=3.15"]
# needs = {"020_fix_keras_ops_instead_of_lambda.py" = ["ops_model.h5", "ops_model.keras"]}
# ///
# --8<-- [start:code]
from keras_doctor import main  # the keras-doctor command, called from Python

main(["ops_model.h5"])  # keras-doctor ops_model.h5: the file that fails above
print()
main(["ops_model.keras"])  # the same model as .keras: nothing to fix
# --8<-- [end:code]
