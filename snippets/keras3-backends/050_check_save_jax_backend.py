# /// kb
# outcome = "ok"
# runtimes = ["keras3-jax"]
# ///
# --8<-- [start:code]
import jax.numpy as jnp
import keras
import numpy as np

from ops_layers import Softplus2

print("backend:", keras.backend.backend())
keras.utils.set_random_seed(0)
x = np.random.default_rng(0).random((2, 4), dtype=np.float32)
np.save("x.npy", x)
inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(3)(inputs)

model = keras.Model(inputs, Softplus2()(hidden))
model.save("jax_ops_layer.keras")
np.save("jax_ops_layer_expected.npy", model.predict(x, verbose=0))

model = keras.Model(inputs, keras.layers.Lambda(lambda t: jnp.logaddexp(t, 0.0))(hidden))
model.save("jnp_lambda.keras")
print("saved jax_ops_layer.keras, jnp_lambda.keras")
# --8<-- [end:code]
