# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# [expect."keras3"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras

optimizer = keras.optimizers.Adam(learning_rate=0.001, decay=1e-6)  # the old per-step decay
print("created", type(optimizer).__name__)
# --8<-- [end:code]
