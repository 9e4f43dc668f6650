# /// kb
# outcome = "ok"
# runtimes = ["transformers-tf-keras"]
# ///
# --8<-- [start:code]
import os

import numpy as np
from transformers import BertConfig, TFBertModel

# here: pip install tf-keras, and TF_USE_LEGACY_KERAS=1 set before TensorFlow is imported;
# transformers' TF classes then build on tf-keras (Keras 2), and no file is downloaded
print("TF_USE_LEGACY_KERAS =", os.environ.get("TF_USE_LEGACY_KERAS"),
      "HF_HUB_OFFLINE =", os.environ.get("HF_HUB_OFFLINE"))
config = BertConfig(vocab_size=50, hidden_size=8, num_hidden_layers=1,
                    num_attention_heads=2, intermediate_size=16)
model = TFBertModel(config)
tokens = np.array([[1, 2, 3]])
expected = model(tokens).last_hidden_state

model.save_pretrained("my-bert")  # a local folder, laid out as a hub repository
print(sorted(os.listdir("my-bert")))
again = TFBertModel.from_pretrained("my-bert")
print("same output:", np.allclose(again(tokens).last_hidden_state, expected))
# --8<-- [end:code]
