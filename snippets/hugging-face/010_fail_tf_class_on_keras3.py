# /// kb
# outcome = "raises"
# exception = "ValueError"
# runtimes = ["transformers"]
# ///
# --8<-- [start:code]
from transformers import BertConfig, TFBertModel

config = BertConfig(vocab_size=50, hidden_size=8, num_hidden_layers=1,
                    num_attention_heads=2, intermediate_size=16)  # a tiny model, made here
model = TFBertModel(config)  # a TensorFlow class of transformers, with Keras 3 installed
# --8<-- [end:code]
