# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["keras3>=3.15", "keras2==2.15.*"]
# [expect."keras2"]
# outcome = "ok"
# ///
# --8<-- [start:code]
import keras

optimizer = keras.optimizers.Adam(lr=0.001)  # the name before Keras 2.3: learning_rate
print("learning rate:", float(optimizer.learning_rate))
# --8<-- [end:code]
