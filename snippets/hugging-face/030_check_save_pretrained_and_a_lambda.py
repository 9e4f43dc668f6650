# /// kb
# outcome = "ok"
# runtimes = ["transformers-tf-keras"]
# ///
# --8<-- [start:code]
import json

import numpy as np
import tensorflow as tf
from transformers import BertConfig, TFBertModel

config = BertConfig(vocab_size=50, hidden_size=8, num_hidden_layers=1,
                    num_attention_heads=2, intermediate_size=16)
bert = TFBertModel(config)
mean_pool = tf.keras.layers.Lambda(lambda t: tf.reduce_mean(t, axis=1))  # your head: a Lambda

tokens = np.array([[1, 2, 3]])
expected = mean_pool(bert(tokens).last_hidden_state)

bert.save_pretrained("my-bert")  # what goes to the hub (push_to_hub writes the same files)
print("config.json holds:", json.load(open("my-bert/config.json"))["architectures"])

again = TFBertModel.from_pretrained("my-bert")  # BERT comes back; the Lambda is not in the files
print("with the head from your code:",
      np.allclose(mean_pool(again(tokens).last_hidden_state), expected))
# --8<-- [end:code]
