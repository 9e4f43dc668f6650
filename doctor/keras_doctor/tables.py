"""The doctor's tables: limits, findings, class names, bytecode layouts, the report schema."""

SCHEMA_VERSION = 1
# Limits: every input is bounded in time and memory (the hostile-input tests hold a 500 MB
# address-space limit and a timeout).
MAX_CONFIG_BYTES = 32 * 1024 * 1024  # a model's JSON config larger than this is refused
MAX_JSON_OBJECTS = 300_000  # "{" in a config: each becomes a dict (~300 bytes)
MAX_JSON_ITEMS = 2_000_000  # "," "[" "{": every value a list or dict holds
MAX_JSON_DEPTH = 200  # nesting of a config's JSON
MAX_LAYERS = 100_000
MAX_DEPTH = 64  # nested models / marshalled objects
MAX_PB_BYTES = 2 * 1024 ** 3  # protocol buffers cannot be larger
MAX_PB_FIELDS = 1_000_000  # fields of a .pb read before it is called corrupt
MAX_ZIP_ENTRIES = 100_000
MAX_BYTECODE = 1024 * 1024  # a Lambda's marshalled code larger than this is not read
MAX_TEXT_NAME = 80  # names longer than this are cut in the text report (not in --json)

# Where each case is answered on the site (pages are served as /<page>/#<heading id>).
PAGES = {
    "KD001": "/why-unknown-layer-lambda/#keras3-message",
    "KD002": "/python-version-bytecode/#bad-marshal-data",
    "KD003": "/lambda-functions/#name-not-defined",
    "KD004": "/lambda-functions/#named-function",
    "KD005": "/fix-custom-layer/#unknown-layer-custom",
    "KD006": "/fix-custom-layer/#register-not-imported",
    "KD007": "/keras2-to-keras3/#tfoplambda",
    "KD008": "/hub-keraslayer/#unknown-layer-keraslayer",
    "KD009": "/custom-functions/#activation-not-found",
    "KD010": "/keras2-to-keras3/#keras2-files",
    "KD011": "/keras2-to-keras3/#keras3-files-in-keras2",
    "KD012": "/h5-vs-keras/#file-format-not-supported",
    "KD013": "/h5-vs-keras/#file-format-not-supported",
    "KD014": "/recovery/#rebuild-load-weights",
    "KD015": "/tfjs/#tfjs-register-class",
    "KD016": "/why-unknown-layer-lambda/#stored-h5",
    "KD017": "/keras-tensor-tf-function/#unknown-layer-keras-op",
    "KD018": "/h5-vs-keras/#name-picks-the-reader",
    "KD019": "/h5-vs-keras/#name-picks-the-reader",
}
PAGE_KERAS_CUSTOM = "/fix-custom-layer/#could-not-locate-class"  # KD005 for a .keras file

FORMAT_LABELS = {
    "h5": "HDF5 (.h5), whole model",
    "h5-weights": "HDF5 (.h5), weights only",
    "keras": "Keras zip (.keras)",
    "savedmodel": "TensorFlow SavedModel directory",
    "tfjs": "TensorFlow.js layers model (model.json)",
    "tfjs-graph": "TensorFlow.js graph model (model.json)",
    "json": "Keras model config (JSON, model.to_json())",
}

# Layer classes Keras ships (keras.layers of Keras 3.15, 3.10, 2.15 and tf-keras 2.21),
# plus the model classes a config names.
BUILTIN_LAYERS = frozenset("""
AbstractRNNCell Activation ActivityRegularization AdaptiveAveragePooling1D
AdaptiveAveragePooling2D AdaptiveAveragePooling3D AdaptiveMaxPooling1D AdaptiveMaxPooling2D
AdaptiveMaxPooling3D Add AdditiveAttention AlphaDropout Attention AugMix AutoContrast
Average AveragePooling1D AveragePooling2D AveragePooling3D AvgPool1D AvgPool2D AvgPool3D
BatchNormalization Bidirectional CategoryEncoding CenterCrop Concatenate
ContrastLimitedAdaptiveHistogramEqualization Conv1D Conv1DTranspose Conv2D Conv2DTranspose
Conv3D Conv3DTranspose ConvLSTM1D ConvLSTM2D ConvLSTM3D Convolution1D
Convolution1DTranspose Convolution2D Convolution2DTranspose Convolution3D
Convolution3DTranspose Cropping1D Cropping2D Cropping3D CutMix Dense DenseFeatures
DepthwiseConv1D DepthwiseConv2D Discretization Dot Dropout ELU EinsumDense Embedding
Equalization Flatten FlaxLayer GRU GRUCell GaussianDropout GaussianNoise
GlobalAveragePooling1D GlobalAveragePooling2D GlobalAveragePooling3D GlobalAvgPool1D
GlobalAvgPool2D GlobalAvgPool3D GlobalMaxPool1D GlobalMaxPool2D GlobalMaxPool3D
GlobalMaxPooling1D GlobalMaxPooling2D GlobalMaxPooling3D GroupNormalization
GroupQueryAttention HashedCrossing Hashing Identity InputLayer IntegerLookup JaxLayer LSTM
LSTMCell Lambda Layer LayerNormalization LeakyReLU LocallyConnected1D LocallyConnected2D
Masking MaxNumBoundingBoxes MaxPool1D MaxPool2D MaxPool3D MaxPooling1D MaxPooling2D
MaxPooling3D Maximum MelSpectrogram Minimum MixUp MultiHeadAttention Multiply Normalization
PReLU Permute Pipeline RMSNormalization RNN RandAugment RandomBrightness
RandomColorDegeneration RandomColorJitter RandomContrast RandomCrop RandomElasticTransform
RandomErasing RandomFlip RandomGaussianBlur RandomGrayscale RandomHeight RandomHue
RandomInvert RandomPerspective RandomPosterization RandomRotation RandomSaturation
RandomSharpness RandomShear RandomTranslation RandomWidth RandomZoom ReLU RepeatVector
Rescaling Reshape Resizing ReversibleEmbedding STFTSpectrogram SeparableConv1D
SeparableConv2D SeparableConvolution1D SeparableConvolution2D SimpleRNN SimpleRNNCell
Softmax Solarization SpatialDropout1D SpatialDropout2D SpatialDropout3D
SpectralNormalization StackedRNNCells StringLookup Subtract TFSMLayer TextVectorization
ThresholdedReLU TimeDistributed TorchModuleWrapper UnitNormalization UpSampling1D
UpSampling2D UpSampling3D Wrapper ZeroPadding1D ZeroPadding2D ZeroPadding3D
Functional Sequential Model
""".split())

# Operation classes of keras.ops (Keras 3.15): a functional model that applies keras.ops
# to its tensors stores each as a node. The .keras format names their module
# (keras.src.ops.*); an .h5 file only the class name, which its loader takes for a layer.
KERAS_OPS = frozenset("""
Abs Absolute AdaptiveAveragePool AdaptiveMaxPool Add AffineTransform All AllClose Amax Amin
Angle Any Append Arange Arccos Arccosh Arcsin Arcsinh Arctan Arctan2 Arctanh Argmax Argmin
Argpartition Argsort Array ArraySplit AssociativeScan Average AveragePool BatchNorm
BinaryCrossentropy Bincount BitwiseAnd BitwiseInvert BitwiseLeftShift BitwiseNot BitwiseOr
BitwiseRightShift BitwiseXor BroadcastTo CDist CTCDecode CTCLoss Cast
CategoricalCrossentropy Cbrt Ceil Celu Cholesky CholeskyInverse Clip Concatenate Cond Conj
Conjugate Conv ConvTranspose ConvertToTensor Copy Corrcoef Correlate Cos Cosh CountNonzero
CropImages Cross Cumprod Cumsum Deg2rad DepthToSpace DepthwiseConv Det Diag Diagflat
Diagonal Diff Digitize Divide DivideNoNan Dot DotProductAttention Dsplit Dstack Eig Eigh
Einsum ElasticTransform Elu EmptyLike Equal Erf Erfc Erfinv Exp Exp2 ExpandDims Expm1
ExtractPatches ExtractSequences FFT FFT2 Fabs Flip Fliplr Flipud Floor FloorDivide Fmax Fmin
Fmod Fold ForiLoop Full FullLike Function GaussianBlur Gcd Gelu Geomspace GetItem Glu
Greater GreaterEqual HSVToRGB HardShrink HardSigmoid HardSilu HardTanh Heaviside Histogram
Hsplit Hstack Hypot I0 IFFT2 IRFFT ISTFT Imag InTopK Inner Inv IsIn Isclose Isfinite Isinf
Isnan Isneginf Isposinf Isreal JVP Kron LayerNorm Lcm Ldexp LeakyRelu LeftShift Less
LessEqual Linspace Log Log10 Log1p Log2 LogSigmoid LogSoftmax Logaddexp Logaddexp2 Logdet
LogicalAnd LogicalNot LogicalOr LogicalXor Logspace Logsumexp Lstsq LuFactor Map
MapCoordinates Matmul MatrixRank Max MaxPool Maximum Mean Median Meshgrid Min Minimum Mod
Moments Moveaxis MultiHot Multiply NanToNum Nanargmax Nanargmin Nancumprod Nancumsum Nanmax
Nanmean Nanmedian Nanmin Nanpercentile Nanprod Nanquantile Nanstd Nansum Nanvar Ndim
Negative Nextafter Nonzero Norm Normalize NotEqual OneHot OnesLike Operation Outer PSNR Pad
PadImages Percentile PerspectiveTransform Pinv Polar Power Prod Ptp Qr Quantile RFFT
RGBToGrayscale RGBToHSV RMSNorm Rad2deg Ravel Real Rearrange Reciprocal Relu Relu6 Repeat
Reshape Resize RightShift Roll Rot90 Round Rsqrt SSIM STFT SVD SaturateCast
ScaleAndTranslate Scan Scatter ScatterUpdate SearchSorted SegmentMax SegmentMin SegmentProd
SegmentReduction SegmentSum Select Selu SeparableConv Sigmoid Sign Signbit Silu Sin Sinc
Sinh Size Slice SliceUpdate Slogdet SobelEdges SoftShrink Softmax Softplus Softsign Solve
SolveTriangular Sort SpaceToDepth SparseCategoricalCrossentropy SparsePlus SparseSigmoid
Sparsemax Split Sqrt Square Squareplus Squeeze Stack Std StopGradient Subtract Sum Swapaxes
Switch Take TakeAlongAxis Tan Tanh TanhShrink Tensordot Threshold Tile TopK Trace Transpose
Trapezoid Tril Triu TrueDivide Trunc Unfold Unique UnravelIndex Unstack Vander Var Vdot
VectorizedMap View ViewAsComplex ViewAsReal Vsplit Vstack Where WhileLoop ZerosLike
""".split())
MODEL_CLASSES = {"Functional", "Sequential", "Model"}
TFOP_CLASSES = {"TFOpLambda", "SlicingOpLambda"}

# Bytecode of each CPython version, as `opcode` of that interpreter reports it (valid
# opcodes as ranges, the RESUME opcode, inline cache entries after an opcode). Made with
# /root/.pyenv/versions/3.x/bin/python from each version's `opcode` module; the test
# suite re-derives them from the interpreters present.
# LOAD_GLOBAL, EXTENDED_ARG and how far LOAD_GLOBAL's argument is shifted, per version.
GLOBAL_OPS = {"3.8": (116, 144, 0), "3.9": (116, 144, 0), "3.10": (116, 144, 0),
              "3.11": (116, 144, 1), "3.12": (116, 144, 1), "3.13": (91, 71, 1)}
OPCODES = {
    "3.8": ([(1, 6), (9, 12), (15, 17), (19, 20), (22, 29), (50, 57), (59, 73), (75, 79), (81, 98), (100, 116), 122, (124, 126), (130, 133), (135, 138), (141, 158), (160, 163)], -1, {}),
    "3.9": ([(1, 6), (9, 12), (15, 17), (19, 20), (22, 29), (48, 52), (54, 57), (59, 79), (82, 87), (89, 98), (100, 118), (121, 122), (124, 126), (130, 133), (135, 138), (141, 148), (154, 157), (160, 165)], -1, {}),
    "3.10": ([(1, 6), (9, 12), (15, 17), (19, 20), (22, 34), (49, 52), (54, 57), (59, 79), (82, 87), (89, 119), (121, 122), (124, 126), (129, 133), (135, 138), (141, 148), 152, (154, 157), (160, 165)], -1, {}),
    "3.11": ([(0, 2), (9, 12), 15, 25, (30, 33), (35, 37), (49, 54), (60, 61), (68, 71), (74, 75), (82, 112), (114, 120), (122, 126), (128, 140), 142, (144, 149), (151, 152), (155, 157), 160, (162, 166), (171, 176)], 151, {25: 4, 60: 1, 92: 1, 95: 4, 106: 4, 107: 2, 116: 5, 122: 1, 160: 10, 166: 1, 171: 4}),
    "3.12": ([(0, 5), 9, (11, 12), 15, 17, (25, 27), (30, 33), (35, 37), (49, 55), (60, 61), (68, 69), 71, (74, 75), 83, 85, 87, (89, 110), (114, 147), (149, 152), (155, 157), (162, 165), (171, 176)], 151, {25: 1, 60: 1, 92: 1, 93: 1, 95: 4, 106: 9, 107: 1, 116: 4, 122: 1, 123: 1, 141: 1, 171: 3}),
    "3.13": ([(0, 2), (4, 118), 149], 149, {5: 1, 39: 1, 40: 3, 45: 1, 53: 3, 58: 1, 59: 1, 72: 1, 77: 1, 82: 9, 91: 4, 93: 1, 97: 1, 98: 1, 99: 1, 100: 1, 104: 1, 108: 4, 117: 1}),
}

# Field layouts of a marshalled code object ("c" record), by CPython version family.
# "i" = 32-bit int, "o" = a marshalled object. From CPython's Python/marshal.c.
CODE_LAYOUTS = [
    # (family, versions we can tell apart inside it, fields)
    ("3.11+", ("3.11", "3.12", "3.13"),
     ["argcount", "posonlyargcount", "kwonlyargcount", "stacksize", "flags"],
     ["code", "consts", "names", "localsplusnames", "localspluskinds", "filename", "name",
      "qualname", "firstlineno:i", "linetable", "exceptiontable"]),
    ("3.8-3.10", ("3.8", "3.9", "3.10"),
     ["argcount", "posonlyargcount", "kwonlyargcount", "nlocals", "stacksize", "flags"],
     ["code", "consts", "names", "varnames", "freevars", "cellvars", "filename", "name",
      "firstlineno:i", "lnotab"]),
    ("3.4-3.7", (),
     ["argcount", "kwonlyargcount", "nlocals", "stacksize", "flags"],
     ["code", "consts", "names", "varnames", "freevars", "cellvars", "filename", "name",
      "firstlineno:i", "lnotab"]),
]


# The --json output: every key, its JSON type(s) and meaning (the page prints this table;
# the tests check every report against it).
SCHEMA = {
    "report": {
        "doctor": ("integer", "schema version of this output (1)"),
        "path": ("string", "the path given on the command line"),
        "format": ("string", "h5, h5-weights, keras, savedmodel, tfjs, tfjs-graph or json"),
        "format_label": ("string", "the format in words"),
        "keras_version": ("string|null", "the Keras version that wrote the file, from its own metadata"),
        "backend": ("string|null", "the Keras backend recorded in the file"),
        "tensorflow_version": ("string|null", "SavedModel: the TensorFlow version that wrote it"),
        "model_class": ("string|null", "Functional, Sequential, Model or a custom model class"),
        "layers": ("array", "every layer, nested models' layers included (objects below)"),
        "custom_objects": ("array", "names the loading program must provide (custom_objects or an import)"),
        "findings": ("array", "what stands in the way of loading, with the page that answers it (objects below)"),
    },
    "layer": {
        "name": ("string", "layer name; a nested model's layers are named outer/inner"),
        "class_name": ("string", "class name as stored (a registered class: `package>Name`)"),
        "module": ("string|null", "module recorded by Keras 3 .keras files"),
        "registered_name": ("string|null", "registered name recorded by Keras 3 .keras files"),
        "kind": ("string", "builtin, lambda, custom, tfoplambda, hub or operation"),
        "function": ("object", "Lambda and TFOpLambda only: what the layer wraps (below)"),
    },
    "function": {
        "type": ("string", "bytecode, named, tf-op or unknown"),
        "python": ("string", "bytecode: the Python version(s) whose code-object layout and opcodes fit"),
        "name": ("string|null", "the function's name (`<lambda>` for a lambda)"),
        "defined_in": ("string|null", "bytecode: the file name it was defined in (no directories)"),
        "globals": ("array|null", "bytecode: global names it loads (the loader must define them)"),
        "module": ("string|null", "named: the module recorded for it"),
        "registered_name": ("string|null", "named: the registered name recorded by Keras 3"),
        "problem": ("string", "bytecode this tool could not read: why"),
    },
    "finding": {
        "code": ("string", "stable code, KD001 to KD019"),
        "severity": ("string", "error (stops loading), warning or info"),
        "layer": ("string|null", "the layer it is about, or null for the whole file"),
        "message": ("string", "one line"),
        "page": ("string", "the page and section that answers it: `/<page>/#<heading id>`"),
    },
}


# What each finding means, in a few words (the page's table is printed from this).
SUMMARY = {
    "KD001": "a Lambda stores Python bytecode; Keras 3 refuses it in safe mode",
    "KD002": "the Python version whose bytecode the Lambda stores",
    "KD003": "the Lambda's function uses global names the loader must define",
    "KD004": "a Lambda wraps a function stored by name; the loader must provide it",
    "KD005": "a custom layer class the loader must provide (custom_objects)",
    "KD006": "a registered custom class; the loader must import its module",
    "KD007": "a TFOpLambda layer (Keras 2 only)",
    "KD008": "a TensorFlow Hub KerasLayer",
    "KD009": "a custom function (activation, loss...) stored by name",
    "KD010": "written by Keras 2",
    "KD011": "written by Keras 3",
    "KD012": "a SavedModel without Keras metadata (model.export)",
    "KD013": "a Keras 2 SavedModel; Keras 3 load_model cannot read it",
    "KD014": "a weights-only file: no architecture to load",
    "KD015": "a TF.js model with a layer TensorFlow.js does not know",
    "KD016": "a Lambda whose function this tool cannot read",
    "KD017": "a keras.ops operation in an .h5 file (its loader knows layers only)",
    "KD018": "the file's content is not the format its name says (Keras picks the reader by the name)",
    "KD019": "one file, two formats: Keras reads the one its name picks",
}

SEVERITY = {
    "KD001": "error", "KD002": "info", "KD003": "warning", "KD004": "error", "KD005": "error",
    "KD006": "error", "KD007": "error", "KD008": "error", "KD009": "error", "KD010": "info",
    "KD011": "info", "KD012": "error", "KD013": "error", "KD014": "error", "KD015": "error",
    "KD016": "warning", "KD017": "error", "KD018": "error", "KD019": "warning",
}
