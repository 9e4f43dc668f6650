# /// kb
# outcome = "ok"
# runtimes = ["keras3-convert"]
# needs = {"keras3:010_check_export_layout.py" = ["models", "x_test.npy"]}
# ///
# --8<-- [start:code]
import numpy as np
import tensorflow as tf
from tensorflow_serving.apis import predict_pb2  # pip install tensorflow-serving-api

serving = tf.saved_model.load("models/my_model/1").signatures["serving_default"]
key = list(serving.structured_input_signature[1])[0]

request = predict_pb2.PredictRequest()
request.model_spec.name = "my_model"                   # the server's --model_name
request.model_spec.signature_name = "serving_default"  # a key of the SavedModel's signatures
request.inputs[key].CopyFrom(tf.make_tensor_proto(np.load("x_test.npy")))
print("model_spec:", request.model_spec.name, request.model_spec.signature_name)
print("inputs:", {k: [d.size for d in v.tensor_shape.dim] for k, v in request.inputs.items()})
# stub.Predict(request, 10.0) sends it (a grpc channel to the server: not run here)
# --8<-- [end:code]
