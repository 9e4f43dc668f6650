# /// kb
# outcome = "raises"
# exception = "OSError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras

# what `git clone` leaves when Git LFS is not installed: a 3-line text file, not the model
with open("model.h5", "w") as f:
    f.write("version https://git-lfs.github.com/spec/v1\n"
            "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
            "size 33712\n")

keras.models.load_model("model.h5")
# --8<-- [end:code]
