# /// kb
# outcome = "ok"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# ///
# --8<-- [start:code]
import keras

optimizer = keras.optimizers.Adam(learning_rate=0.001)
print("learning rate:", round(float(optimizer.learning_rate), 6))
# --8<-- [end:code]
